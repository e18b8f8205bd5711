/**
 * Tenant settings through the admin API: a saved service-level threshold moves the live
 * numbers at once (equal to the SQL reference with the new settings, over the same events),
 * reaches another instance by polling, survives a restart, is audited without secrets, and
 * only the tenant's admins may change it.
 */
import {
  parseSettingsFile,
  type AuditEntry,
  type TenantSettings,
  type TenantSettingsAnswer,
} from '@mieruka/contracts';
import { computeSqlSnapshot, type StoreClient } from '@mieruka/store';
import { testDatabaseName } from '@mieruka/store/testing';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { STORE_CLIENT } from '../../apps/api/src/store/store.module';
import { scenarioConfig, scenarioEvents } from '../support/scenarios';
import { addUsers, postEvents, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const PASSWORD = 'a-long-enough-password';
const fileSettings = (): TenantSettings => parseSettingsFile(scenarioConfig('001-hand'))[0]!;
const tenants = () => new TenantDirectory([fileSettings()]);

interface Snapshot {
  windows: { today: { answeredInSL: number; serviceLevel: number | null } };
}

describe('/api/v1/tenants', () => {
  const database = testDatabaseName();
  const env = { MIERUKA_CLICKHOUSE_DATABASE: database };
  let app: TestApp;
  let peer: TestApp | undefined;

  beforeAll(async () => {
    app = await startTestApp({ at: AT, tenants: tenants(), env });
    await postEvents(app, scenarioEvents('001-hand'));
  });
  afterAll(async () => {
    await peer?.close();
    await app.close();
  });

  async function call(
    bearer: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  async function live(on: TestApp): Promise<Record<string, unknown>> {
    const response = await on.get('/api/v1/live?tenant=default&scope=tenant');
    expect(response.status).toBe(200);
    const { ingest: _ingest, ...rest } = (await response.json()) as Record<string, unknown>;
    return rest;
  }

  async function sqlReference(settings: TenantSettings): Promise<unknown> {
    const store = app.app.get<StoreClient>(STORE_CLIENT);
    const sql = await computeSqlSnapshot(store, { settings, at: Date.parse(AT), scope: 'tenant' });
    return JSON.parse(JSON.stringify(sql)) as unknown;
  }

  const withThreshold = (thresholdMs: number): TenantSettings => {
    const settings = fileSettings();
    return { ...settings, serviceLevel: { ...settings.serviceLevel, thresholdMs } };
  };

  it('starts from the settings file', async () => {
    const answer = await call(await app.adminToken(), 'GET', '/api/v1/tenants/default');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      settings: fileSettings(),
      source: 'file',
      updatedAt: null,
      updatedBy: null,
    });
    const all = await call(await app.adminToken(), 'GET', '/api/v1/tenants');
    expect((all.body as TenantSettingsAnswer[]).map((t) => t.settings.tenant.id)).toContain(
      'default',
    );
  });

  it('moves the live numbers with a new service-level threshold, as SQL computes them', async () => {
    const before = (await live(app)) as unknown as Snapshot;
    expect(before).toEqual(await sqlReference(fileSettings()));

    const answer = await call(
      await app.adminToken(),
      'PUT',
      '/api/v1/tenants/default',
      withThreshold(60_000),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ source: 'stored', updatedBy: 'admin' });
    expect((answer.body as TenantSettingsAnswer).settings).toEqual(withThreshold(60_000));

    const after = (await live(app)) as unknown as Snapshot;
    expect(after).toEqual(await sqlReference(withThreshold(60_000)));
    expect(after.windows.today.answeredInSL).toBeGreaterThan(before.windows.today.answeredInSL);
  });

  it('loses no event that arrives while the numbers are rebuilt', async () => {
    // Abandoned calls of 10:03–10:06, posted one request at a time during the save.
    const abandoned = (n: number): string => {
      const at = Date.parse('2026-11-24T10:03:00.000+09:00') + n * 10_000;
      const base = { tenant: 'default', source: 'test', callId: `x${n}`, direction: 'inbound' };
      return [
        { ...base, id: `x${n}-o`, type: 'call.offered', occurredAt: new Date(at).toISOString() },
        {
          ...base,
          id: `x${n}-a`,
          type: 'call.abandoned',
          occurredAt: new Date(at + 8_000).toISOString(),
          waitMs: 8_000,
        },
      ]
        .map((e) => JSON.stringify({ ...e, queue: 'support' }))
        .join('\n');
    };
    const offeredBefore = (
      (await live(app)) as unknown as { windows: { today: { offered: number } } }
    ).windows.today.offered;
    const save = call(
      await app.adminToken(),
      'PUT',
      '/api/v1/tenants/default',
      withThreshold(7_000),
    );
    const posts = (async () => {
      for (let n = 0; n < 20; n++) await postEvents(app, abandoned(n));
    })();
    const [saved] = await Promise.all([save, posts]);
    expect(saved.status).toBe(200);
    const after = await live(app);
    expect(after).toEqual(await sqlReference(withThreshold(7_000)));
    expect(
      (after as unknown as { windows: { today: { offered: number } } }).windows.today.offered,
    ).toBe(offeredBefore + 20);
    // Back to the threshold the next tests start from.
    await call(await app.adminToken(), 'PUT', '/api/v1/tenants/default', withThreshold(60_000));
  });

  it('reaches another instance on the same database within seconds', async () => {
    peer = await startTestApp({ at: AT, tenants: tenants(), env });
    // Read at its start.
    expect(await live(peer)).toEqual(await sqlReference(withThreshold(60_000)));
    const answer = await call(
      await app.adminToken(),
      'PUT',
      '/api/v1/tenants/default',
      withThreshold(5_000),
    );
    expect(answer.status).toBe(200);
    const expected = await sqlReference(withThreshold(5_000));
    const deadline = performance.now() + 15_000;
    let seen = await live(peer);
    while (JSON.stringify(seen) !== JSON.stringify(expected) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      seen = await live(peer);
    }
    expect(seen).toEqual(expected);
    await peer.close();
    peer = undefined;
  }, 40_000);

  it('refuses invalid settings, naming the field, and an id that is not the address', async () => {
    const admin = await app.adminToken();
    const bad = await call(admin, 'PUT', '/api/v1/tenants/default', {
      ...fileSettings(),
      tenant: { id: 'default', timezone: 'Mars/Olympus', currency: 'JPY' },
      serviceLevel: { thresholdMs: -1 },
    });
    expect(bad.status).toBe(400);
    const message = (bad.body as { detail: string }).detail;
    expect(message).toContain('tenant.timezone: must be an IANA time zone');
    expect(message).toContain('serviceLevel.thresholdMs:');
    const other = await call(admin, 'PUT', '/api/v1/tenants/default', {
      tenant: { id: 'osaka' },
    });
    expect(other.status).toBe(400);
    expect((other.body as { detail: string }).detail).toContain('tenant.id:');
    // Nothing of it was kept.
    const now = await call(admin, 'GET', '/api/v1/tenants/default');
    expect((now.body as TenantSettingsAnswer).settings).toEqual(withThreshold(5_000));
  });

  it('lets only admins of the tenant (or of every tenant) read and change it', async () => {
    const {
      'osaka-admin': osaka,
      'default-supervisor': supervisor,
      'default-admin': own,
    } = await addUsers(app, PASSWORD, [
      ['osaka-admin', 'osaka', 'admin'],
      ['default-supervisor', 'default', 'supervisor'],
      ['default-admin', 'default', 'admin'],
    ]);
    const body = withThreshold(30_000);
    expect((await call(osaka, 'PUT', '/api/v1/tenants/default', body)).status).toBe(403);
    expect((await call(osaka, 'GET', '/api/v1/tenants/default')).status).toBe(403);
    expect((await call(supervisor, 'PUT', '/api/v1/tenants/default', body)).status).toBe(403);
    expect((await call(supervisor, 'GET', '/api/v1/tenants')).status).toBe(403);
    const listed = await call(osaka, 'GET', '/api/v1/tenants');
    expect((listed.body as TenantSettingsAnswer[]).map((t) => t.settings.tenant.id)).toEqual([
      'osaka',
    ]);
    const saved = await call(own, 'PUT', '/api/v1/tenants/default', body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ updatedBy: 'default-admin' });
  });

  it('audits every save with what changed, and no secret', async () => {
    const answer = await call(await app.adminToken(), 'GET', '/api/v1/audit?tenant=default');
    const saves = (answer.body as AuditEntry[]).filter((e) => e.action === 'tenant.save');
    // All at the test clock's one instant: compared in no particular order.
    const recorded = saves.map((e) => [e.actor, e.target, e.summary]);
    expect(recorded).toHaveLength(5);
    expect(recorded).toEqual(
      expect.arrayContaining([
        ['default-admin', 'default', { slThresholdMs: 30_000 }],
        ['admin', 'default', { slThresholdMs: 5_000 }],
        ['admin', 'default', { slThresholdMs: 60_000 }],
        ['admin', 'default', { slThresholdMs: 7_000 }],
      ]),
    );
    expect(JSON.stringify(answer.body)).not.toContain(PASSWORD);
  });

  it('keeps the saved settings across a restart', async () => {
    await app.close();
    app = await startTestApp({ at: AT, tenants: tenants(), env });
    const answer = await call(await app.adminToken(), 'GET', '/api/v1/tenants/default');
    expect(answer.body).toMatchObject({
      settings: withThreshold(30_000),
      source: 'stored',
      updatedBy: 'default-admin',
    });
    expect(await live(app)).toEqual(await sqlReference(withThreshold(30_000)));
  });
});
