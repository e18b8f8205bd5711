import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  defaultTenantSettings,
  type AuditEntry,
  type CallEvent,
  type CreatedDisplayToken,
  type KpiHistory,
  type KpiSnapshot,
} from '@mieruka/contracts';
import { createSimulation } from '@mieruka/simulator';
import { EventStore } from '@mieruka/store';
import { differences } from '../support/golden';
import { toNdjson } from '../support/kafka-pipeline';
import {
  OSAKA_KEY,
  TEST_KEY,
  addUsers,
  login,
  startTestApp,
  type TestApp,
} from '../support/test-app';

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
const work = mkdtempSync(join(tmpdir(), 'mieruka-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MIDNIGHT = '2026-11-24T00:00:00.000+09:00';
const NEXT_MIDNIGHT = '2026-11-25T00:00:00.000+09:00';
/** The day's last millisecond: the live snapshot's "today" is then the whole day. */
const LAST_MS = '2026-11-24T23:59:59.999+09:00';
const PASSWORD = 'a-long-enough-password';

/** A busy simulated day of a tenant, midnight to midnight, every event of it. */
function busyDay(tenant: string): CallEvent[] {
  const { tenant: settings } = defaultTenantSettings(tenant);
  return createSimulation({
    seed: 27,
    tenant,
    timezone: settings.timezone,
    currency: settings.currency,
    start: Date.parse(MIDNIGHT),
    rate: 2,
  }).advance(Date.parse(LAST_MS));
}

async function post(app: TestApp, key: string, events: readonly CallEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: toNdjson(events.slice(i, i + 5000)),
    });
    expect(response.status).toBe(200);
  }
}

/** `mieruka kpi` on a file, as an auditor runs it. */
async function kpi(file: string, engine: 'live' | 'sql', scope = 'tenant'): Promise<KpiSnapshot> {
  const { stdout } = await run(
    process.execPath,
    [bin, 'kpi', '--events', file, '--at', LAST_MS, '--scope', scope, '--engine', engine],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as KpiSnapshot;
}

/**
 * Issue 27's audit: a stored busy day exported over HTTP (GET /api/v1/events) and recomputed
 * with `mieruka kpi` on both engines gives the numbers the live snapshot and the history day
 * row show — a retried duplicate stored twice exported once, another tenant's events (same ids)
 * never in it, and only managers and admins of the tenant let in.
 */
describe('GET /api/v1/events (the audit export)', () => {
  let app: TestApp;
  let day: CallEvent[];
  let team: string;

  beforeAll(async () => {
    app = await startTestApp({ at: LAST_MS });
    day = busyDay('default');
    // The same simulation for osaka: the same ids, in another tenant.
    await post(app, TEST_KEY, day);
    await post(app, OSAKA_KEY, busyDay('osaka'));
    // A retried insert of an event already stored: a second copy in the table.
    const again = day.find((e) => e.type === 'call.connected')!;
    await app.app
      .get(EventStore)
      .insertEvents([again], { receivedAt: Date.parse(LAST_MS), ingestSource: 'http' });
    team = day.find((e) => 'team' in e && typeof e.team === 'string')!['team' as never];
  }, 180_000);
  afterAll(() => app.close());

  async function exportAs(token: string, query: Record<string, string>): Promise<Response> {
    return fetch(`${app.url}/api/v1/events?${new URLSearchParams(query).toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  }

  /** The export of a scope as a file, and its events. */
  async function exported(scope: string): Promise<{ file: string; events: CallEvent[] }> {
    const response = await exportAs(await app.adminToken(), {
      from: MIDNIGHT,
      to: NEXT_MIDNIGHT,
      scope,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = await response.text();
    const events = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as CallEvent);
    expect(response.headers.get('x-mieruka-event-count')).toBe(String(events.length));
    const file = join(work, `${scope.replace(':', '-')}.ndjson`);
    writeFileSync(file, text);
    return { file, events };
  }

  async function json<T>(path: string): Promise<T> {
    const response = await app.get(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('exports the day each event once, in the order it arrived, none of another tenant', async () => {
    const { events } = await exported('tenant');
    expect(events.length).toBe(day.length);
    expect(events.map((e) => e.id)).toEqual(day.map((e) => e.id));
    expect(events.every((e) => e.tenant === 'default')).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('recomputes to the live snapshot and the history day row on both engines', async () => {
    const { file } = await exported('tenant');
    const live = await json<KpiSnapshot>('/api/v1/live?scope=tenant');
    const history = await json<KpiHistory>(
      `/api/v1/kpis?${new URLSearchParams({ groupBy: 'day', from: MIDNIGHT }).toString()}`,
    );
    expect(history.rows).toHaveLength(1);
    expect(history.rows[0]).toMatchObject({ start: MIDNIGHT, end: NEXT_MIDNIGHT });
    expect(live.windows.today.offered).toBeGreaterThan(1000);
    for (const engine of ['live', 'sql'] as const) {
      const audit = await kpi(file, engine);
      expect([engine, differences(live.windows, audit.windows)]).toEqual([engine, []]);
      expect([engine, differences(history.rows[0]!.kpis, audit.windows.today)]).toEqual([
        engine,
        [],
      ]);
      expect([engine, audit.orders]).toEqual([engine, live.orders]);
      expect(audit.ingest).toEqual({ accepted: day.length, duplicates: 0, rejected: 0 });
    }
  }, 180_000);

  it('exports a scope as it counts there: recomputed in that scope, the live tile', async () => {
    const { file, events } = await exported(`team:${team}`);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(day.length);
    const live = await json<KpiSnapshot>(`/api/v1/live?scope=team:${team}`);
    for (const engine of ['live', 'sql'] as const) {
      const audit = await kpi(file, engine, `team:${team}`);
      expect([engine, differences(live.windows, audit.windows)]).toEqual([engine, []]);
    }
  }, 180_000);

  it('lets managers and admins of the tenant in, and nobody else', async () => {
    const users = await addUsers(app, PASSWORD, [
      ['kato', 'default', 'manager'],
      ['mori', 'osaka', 'manager'],
    ]);
    const query = { from: MIDNIGHT, to: '2026-11-24T01:00:00.000+09:00' };
    expect((await exportAs(users.kato, query)).status).toBe(200);
    // In the audit log admins read: who, the range and scope, how many — no credential.
    const audit = (await json<AuditEntry[]>('/api/v1/audit?tenant=default')).filter(
      (e) => e.action === 'events.export' && e.actor === 'kato',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorRole: 'manager',
      target: 'tenant',
      summary: { scope: 'tenant', ...query, events: expect.any(Number) as number },
    });
    expect(JSON.stringify(audit)).not.toContain(users.kato);
    const other = await exportAs(users.mori, query);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('no access to tenant default');
    const osaka = await exportAs(users.mori, { ...query, tenant: 'osaka' });
    expect(osaka.status).toBe(200);
    const lines = (await osaka.text()).trimEnd().split('\n');
    expect(lines.every((l) => (JSON.parse(l) as CallEvent).tenant === 'osaka')).toBe(true);

    // A supervisor limited to a team can widen nothing: exports are for managers and admins.
    const made = await fetch(`${app.url}/api/v1/users`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await app.adminToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        username: 'ito',
        password: PASSWORD,
        tenant: 'default',
        role: 'supervisor',
        scopes: [`team:${team}`],
      }),
    });
    expect(made.status).toBe(201);
    const ito = (await login(app.url, 'ito', PASSWORD)).accessToken;
    expect((await exportAs(ito, { ...query, scope: 'tenant' })).status).toBe(403);
    expect((await exportAs(ito, { ...query, scope: `team:${team}` })).status).toBe(403);

    const pairing = await fetch(`${app.url}/api/v1/display-tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await app.adminToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ tenant: 'default', wallboard: 'floor-1' }),
    });
    expect(pairing.status).toBe(201);
    const display = ((await pairing.json()) as CreatedDisplayToken).token;
    expect((await exportAs(display, query)).status).toBe(403);
    expect((await exportAs(TEST_KEY, query)).status).toBe(401);
  });

  it('explains a bad range as problem JSON', async () => {
    const token = await app.adminToken();
    const long = await exportAs(token, { from: MIDNIGHT, to: '2026-12-26T00:00:00.000+09:00' });
    expect(long.status).toBe(400);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    expect(await long.text()).toContain('to: must be at most 31 days after from');
    const backwards = await exportAs(token, { from: NEXT_MIDNIGHT, to: MIDNIGHT });
    expect(await backwards.text()).toContain('to: must be after from');
    const missing = await exportAs(token, { from: MIDNIGHT });
    expect(missing.status).toBe(400);
  });
});
