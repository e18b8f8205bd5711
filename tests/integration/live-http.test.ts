import { parseSettingsFile } from '@mieruka/contracts';
import { testDatabaseName } from '@mieruka/store/testing';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { LiveProjections } from '../../apps/api/src/live/live-projections';
import { differences } from '../support/golden';
import { scenarioConfig, scenarioEvents, scenarioExpected } from '../support/scenarios';
import { TEST_KEY, postEvents, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const tenants = () => new TenantDirectory(parseSettingsFile(scenarioConfig('001-hand')));

function withoutIngest(expected: Record<string, unknown>): Record<string, unknown> {
  const { ingest: _ingest, ...rest } = expected;
  return rest;
}

async function live(app: TestApp, scope = 'tenant'): Promise<unknown> {
  const response = await app.get(`/api/v1/live?tenant=default&scope=${encodeURIComponent(scope)}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('GET /api/v1/live', () => {
  const database = testDatabaseName();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      tenants: tenants(),
      env: { MIERUKA_CLICKHOUSE_DATABASE: database },
    });
  });
  afterAll(() => app.close());

  it('shows the hand-worked numbers once the events are ingested', async () => {
    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: scenarioEvents('001-hand'),
    });
    expect(response.status).toBe(200);
    expect(
      differences(withoutIngest(scenarioExpected('001-hand', 'morning')), await live(app)),
    ).toEqual([]);
    expect(
      differences(
        withoutIngest(scenarioExpected('001-hand', 'morning-team-blue')),
        await live(app, 'team:blue'),
      ),
    ).toEqual([]);
  });

  it('shows the same numbers after a restart (rebuilt from the store)', async () => {
    const before = await live(app);
    await app.close();
    app = await startTestApp({
      at: AT,
      tenants: tenants(),
      env: { MIERUKA_CLICKHOUSE_DATABASE: database },
    });
    expect(await live(app)).toEqual(before);
    expect(
      differences(withoutIngest(scenarioExpected('001-hand', 'morning')), await live(app)),
    ).toEqual([]);
  });

  it('moves with the clock: c5 has waited 30 s longer a little later', async () => {
    app.clock.now = Date.parse(AT) + 30_000;
    const later = (await live(app)) as { live: { inQueue: number; longestWaitMs: number } };
    expect(later.live).toMatchObject({ inQueue: 1, longestWaitMs: 60_000 });
  });

  it('forgets old minutes when pruning, but not the month it reports on', async () => {
    type Snapshot = {
      windows: { today: { offered: number } };
      kgis: { id: string; actual: number }[];
    };
    const projections = app.app.get(LiveProjections);
    const before = (await live(app)) as Snapshot;
    const remembered = projections.rememberedEvents();
    projections.pruneAll(); // horizon: yesterday's midnight, nothing of today goes
    expect(await live(app)).toEqual(before);
    expect(projections.rememberedEvents()).toBe(remembered);
    expect(remembered).toBeGreaterThan(0);

    app.clock.now = Date.parse('2026-11-26T10:07:00.000+09:00');
    projections.pruneAll(); // horizon: the 25th's midnight, the 24th's minutes go
    expect(projections.rememberedEvents()).toBe(0);
    const later = (await live(app)) as Snapshot;
    expect(later.windows.today.offered).toBe(0);
    expect(later.kgis.map((k) => [k.id, k.actual])).toEqual(
      before.kgis.map((k) => [k.id, k.actual]),
    );
    expect(before.kgis[0]!.actual).toBeGreaterThan(0);
    app.clock.now = Date.parse(AT) + 30_000;
  });

  it('explains a bad scope', async () => {
    const response = await app.get(`/api/v1/live?scope=floor:3`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain(
      'scope: must be tenant or DIMENSION:VALUE',
    );
  });
});

describe('GET /api/v1/live after a restart, with KGIs over months', () => {
  const SCENARIO = '004-month-kgi';
  const at = '2026-11-16T13:10:00.000+09:00'; // the scenario's mid-month case
  const database = testDatabaseName();
  const monthTenants = () => new TenantDirectory(parseSettingsFile(scenarioConfig(SCENARIO)));

  it('seeds the earlier days of every KGI period from SQL and shows the golden numbers', async () => {
    let app = await startTestApp({
      at,
      tenants: monthTenants(),
      env: { MIERUKA_CLICKHOUSE_DATABASE: database },
    });
    try {
      const events = scenarioEvents(SCENARIO);
      await postEvents(app, events);
      const expected = withoutIngest(scenarioExpected(SCENARIO, 'mid-month'));
      const before = await live(app);
      expect(differences(expected, before)).toEqual([]);

      // Restarted, it folds only from yesterday: two weeks of KGI days come from SQL.
      await app.close();
      app = await startTestApp({
        at,
        tenants: monthTenants(),
        env: { MIERUKA_CLICKHOUSE_DATABASE: database },
      });
      const after = await live(app);
      expect(differences(expected, after)).toEqual([]);
      expect(differences(before, after)).toEqual([]);
      expect(after).toEqual(before);
      const agent = 'agent:' + String(/"agentId":"([^"]+)"/.exec(events)?.[1]);
      expect(await live(app, agent)).toEqual(await liveAfterFold(agent));
    } finally {
      await app.close();
    }

    /** The same scope folded from every event (no seeding), for comparison. */
    async function liveAfterFold(scope: string): Promise<unknown> {
      const fresh = await startTestApp({ at, tenants: monthTenants() });
      try {
        await postEvents(fresh, scenarioEvents(SCENARIO));
        return await live(fresh, scope);
      } finally {
        await fresh.close();
      }
    }
  }, 120_000);
});

describe('GET /api/v1/live after a restart, with lists loaded days before', () => {
  const SCENARIO = '007-outbound-lists';
  const at = '2026-11-24T15:00:00.000+09:00'; // the scenario's afternoon case
  const database = testDatabaseName();
  const listTenants = () => new TenantDirectory(parseSettingsFile(scenarioConfig(SCENARIO)));

  it('seeds the lists from the store: each list is whole, its load and dials of 11-20 included', async () => {
    let app = await startTestApp({
      at,
      tenants: listTenants(),
      env: { MIERUKA_CLICKHOUSE_DATABASE: database },
    });
    try {
      await postEvents(app, scenarioEvents(SCENARIO));
      const expected = withoutIngest(scenarioExpected(SCENARIO, 'afternoon'));
      const before = await live(app);
      expect(differences(expected, before)).toEqual([]);

      // Restarted, it folds only from yesterday: L1's first load and its 11-20 dials are seeded.
      await app.close();
      app = await startTestApp({
        at,
        tenants: listTenants(),
        env: { MIERUKA_CLICKHOUSE_DATABASE: database },
      });
      const after = await live(app);
      expect(differences(expected, after)).toEqual([]);
      expect(after).toEqual(before);
      expect(await live(app, 'campaign:teleapo')).toMatchObject({
        lists: [{ listId: 'L1', registered: 150, worked: 5 }, { listId: 'L3' }],
      });
    } finally {
      await app.close();
    }
  }, 120_000);
});
