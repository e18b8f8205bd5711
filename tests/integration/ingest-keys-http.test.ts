/**
 * Ingest keys made by admins: shown once, stored as a digest, bound to one tenant, listed with
 * their last use (which survives a restart), revoked at once, and every change audited.
 */
import type {
  AuditEntry,
  CreatedIngestKey,
  IngestKeyInfo,
  IngestResponse,
} from '@mieruka/contracts';
import { testDatabaseName } from '@mieruka/store/testing';
import { login, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const PASSWORD = 'a-long-enough-password';

const offered = (id: string, tenant: string) => ({
  id,
  type: 'call.offered',
  occurredAt: '2026-11-24T10:00:00.000+09:00',
  tenant,
  source: 'asterisk-ami',
  callId: `c-${id}`,
  direction: 'inbound',
  queue: 'support',
});

describe('/api/v1/ingest-keys', () => {
  const database = testDatabaseName();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ at: AT, env: { MIERUKA_CLICKHOUSE_DATABASE: database } });
  });
  afterAll(async () => {
    await app.close();
  });

  async function call(token: string, method: string, path = '', body?: unknown) {
    const response = await fetch(`${app.url}/api/v1/ingest-keys${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  function postEvents(key: string, events: unknown[]) {
    return fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
  }

  let created: CreatedIngestKey;

  it('makes a key shown once, listed without it', async () => {
    const admin = await app.adminToken();
    const answer = await call(admin, 'POST', '', { tenant: 'osaka', label: 'Asterisk (Osaka)' });
    expect(answer.status).toBe(201);
    created = answer.body as CreatedIngestKey;
    expect(created).toMatchObject({
      tenant: 'osaka',
      label: 'Asterisk (Osaka)',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(created.key).toMatch(/^mik_[A-Za-z0-9_-]{32}$/);
    const listed = await call(admin, 'GET', '?tenant=osaka');
    const { key, ...info } = created;
    expect(listed.body).toEqual([info]);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const unnamed = await call(admin, 'POST', '', { tenant: 'osaka', label: '  ' });
    expect(unnamed.status).toBe(400);
    expect(JSON.stringify(unnamed.body)).toContain('name the system that will use the key');
  });

  it("posts its tenant's events only, and records when it was last used", async () => {
    const answer = await postEvents(created.key, [
      offered('k-1', 'osaka'),
      offered('k-2', 'default'),
    ]);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as IngestResponse).results).toEqual([
      { index: 0, id: 'k-1', status: 'accepted' },
      {
        index: 1,
        id: 'k-2',
        status: 'rejected',
        reason: 'tenant: this ingest key may only post events of tenant "osaka"',
      },
    ]);
    const [listed] = (await call(await app.adminToken(), 'GET', '?tenant=osaka'))
      .body as IngestKeyInfo[];
    expect(listed?.lastUsedAt).toBe(new Date(app.clock.now).toISOString());
  });

  it("keeps a tenant's admin to that tenant", async () => {
    const root = await app.adminToken();
    const made = await call(root, 'POST', '', { tenant: 'osaka', label: 'Dialer (Osaka)' });
    expect(made.status).toBe(201);
    const addUser = await fetch(`${app.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${root}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'tanaka',
        password: PASSWORD,
        tenant: 'default',
        role: 'admin',
      }),
    });
    expect(addUser.status).toBe(201);
    const tanaka = (await login(app.url, 'tanaka', PASSWORD)).accessToken;
    expect((await call(tanaka, 'POST', '', { tenant: 'osaka', label: 'x' })).status).toBe(403);
    expect((await call(tanaka, 'GET', '?tenant=osaka')).status).toBe(403);
    expect((await call(tanaka, 'GET')).body).toEqual([]);
    const other = (made.body as CreatedIngestKey).id;
    expect((await call(tanaka, 'DELETE', `/${other}`)).status).toBe(404);
    expect(
      (await postEvents((made.body as CreatedIngestKey).key, [offered('k-3', 'osaka')])).status,
    ).toBe(200);
  });

  it('refuses a revoked key at once, and audits both changes without the key', async () => {
    const admin = await app.adminToken();
    expect((await call(admin, 'DELETE', `/${created.id}`)).status).toBe(204);
    const refused = await postEvents(created.key, [offered('k-4', 'osaka')]);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('ingest key revoked');
    expect((await postEvents('mik_not-a-key-at-all-000000000000000', [])).status).toBe(401);

    const audit = (await (await app.get('/api/v1/audit?tenant=osaka')).json()) as AuditEntry[];
    const mine = audit.filter((e) => e.target === created.id).map((e) => e.action);
    expect(mine.sort()).toEqual(['ingest-key.create', 'ingest-key.revoke']);
    expect(JSON.stringify(audit)).not.toContain('mik_');
  });

  it('keeps the last use across a restart', async () => {
    const before = (await call(await app.adminToken(), 'GET', '?tenant=osaka')).body;
    await app.close();
    app = await startTestApp({ at: AT, env: { MIERUKA_CLICKHOUSE_DATABASE: database } });
    const after = (await call(await app.adminToken(), 'GET', '?tenant=osaka'))
      .body as IngestKeyInfo[];
    expect(after).toEqual(before);
    expect(after.every((k) => k.lastUsedAt !== null)).toBe(true);
  });
});
