import { defaultWallboard, type AuditEntry, type CreatedDisplayToken } from '@mieruka/contracts';
import type { StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../../apps/api/src/store/store.module';
import { ADMIN_PASSWORD, login, startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'first-password-of-sato';
const NEW_PASSWORD = 'second-password-of-sato';

/**
 * Every change through the admin API lands in the audit log with who, when and what — and no
 * secret; admins read their own tenant's entries only.
 */
describe('/api/v1/audit', () => {
  let app: TestApp;
  let token: CreatedDisplayToken;

  beforeAll(async () => {
    app = await startTestApp({ at: '2026-11-24T10:00:00.000+09:00' });
  });
  afterAll(() => app.close());

  async function call(bearer: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        'x-request-id': `test-${method}-${path.replaceAll('/', '_')}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** One change a second, so the log's order is the test's. */
  async function change(method: string, path: string, body?: unknown, bearer?: string) {
    app.clock.now += 1000;
    const answer = await call(bearer ?? (await app.adminToken()), method, path, body);
    if (answer.status >= 300) {
      throw new Error(
        `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer;
  }

  async function audit(bearer: string, query = ''): Promise<AuditEntry[]> {
    const answer = await call(bearer, 'GET', `/api/v1/audit${query}`);
    expect(answer.status).toBe(200);
    return answer.body as AuditEntry[];
  }

  it('records each admin change with who, when and what, newest first', async () => {
    const user = (username: string, tenant: string, role: string) => ({
      username,
      password: PASSWORD,
      tenant,
      role,
    });
    await change('POST', '/api/v1/users', user('sato', 'default', 'manager'));
    await change('PATCH', '/api/v1/users/sato', { password: NEW_PASSWORD, role: 'supervisor' });
    token = (
      await change('POST', '/api/v1/display-tokens', {
        tenant: 'default',
        wallboard: 'floor-3',
        label: 'by the window',
      })
    ).body as CreatedDisplayToken;
    await change('DELETE', `/api/v1/display-tokens/${token.id}`);
    await change('PUT', '/api/v1/wallboards/floor-3', {
      ...defaultWallboard('floor-3', 'default'),
      name: 'Floor 3',
    });
    await change('DELETE', '/api/v1/wallboards/floor-3?tenant=default');
    await change('POST', '/api/v1/users', user('osaka-admin', 'osaka', 'admin'));

    const entries = await audit(await app.adminToken());
    const start = Date.parse('2026-11-24T10:00:00.000+09:00');
    expect(entries.map((e) => [e.action, e.target, e.tenant, e.at])).toEqual([
      ['user.create', 'osaka-admin', 'osaka', new Date(start + 7000).toISOString()],
      ['wallboard.delete', 'floor-3', 'default', new Date(start + 6000).toISOString()],
      ['wallboard.save', 'floor-3', 'default', new Date(start + 5000).toISOString()],
      ['display-token.revoke', token.id, 'default', new Date(start + 4000).toISOString()],
      ['display-token.create', token.id, 'default', new Date(start + 3000).toISOString()],
      ['user.update', 'sato', 'default', new Date(start + 2000).toISOString()],
      ['user.create', 'sato', 'default', new Date(start + 1000).toISOString()],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actor: 'admin', actorRole: 'admin', actorTenant: '*' });
    }
    const byAction = new Map(entries.map((e) => [`${e.action} ${e.target}`, e]));
    expect(byAction.get('user.create sato')?.summary).toEqual({
      tenant: 'default',
      role: 'manager',
    });
    expect(byAction.get('user.update sato')).toMatchObject({
      summary: { password: 'changed', role: 'supervisor' },
      requestId: 'test-PATCH-_api_v1_users_sato',
    });
    expect(byAction.get(`display-token.create ${token.id}`)?.summary).toEqual({
      wallboard: 'floor-3',
      label: 'by the window',
      expiresAt: token.expiresAt,
    });
    expect(byAction.get('wallboard.save floor-3')?.summary).toMatchObject({ name: 'Floor 3' });
  });

  it('never stores a secret: no password, no token, in the answer or in the table', async () => {
    const answer = JSON.stringify(await audit(await app.adminToken()));
    const store = app.app.get<StoreClient>(STORE_CLIENT);
    const rows = await (
      await store.client.query({
        query: `SELECT * FROM ${store.database}.audit_log`,
        format: 'JSONEachRow',
      })
    ).text();
    expect(rows).toContain('osaka-admin');
    for (const text of [answer, rows]) {
      for (const secret of [PASSWORD, NEW_PASSWORD, ADMIN_PASSWORD, token.token]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/mdt_|mrt_|ms1\.|\$2[aby]\$/);
    }
  });

  it('answers admins only', async () => {
    const { accessToken: supervisor } = await login(app.url, 'sato', NEW_PASSWORD);
    expect((await call(supervisor, 'GET', '/api/v1/audit')).status).toBe(403);
    const display = (
      await call(await app.adminToken(), 'POST', '/api/v1/display-tokens', {
        tenant: 'default',
        wallboard: 'floor-3',
      })
    ).body as CreatedDisplayToken;
    expect((await call(display.token, 'GET', '/api/v1/audit')).status).toBe(403);
    expect((await fetch(`${app.url}/api/v1/audit`)).status).toBe(401);
  });

  it("shows another tenant's admin nothing of this tenant", async () => {
    const { accessToken: osaka } = await login(app.url, 'osaka-admin', PASSWORD);
    await change(
      'POST',
      '/api/v1/display-tokens',
      { tenant: 'osaka', wallboard: 'main', label: 'Osaka floor' },
      osaka,
    );
    const seen = await audit(osaka);
    expect(seen.map((e) => [e.action, e.tenant, e.actor, e.actorTenant])).toEqual([
      ['display-token.create', 'osaka', 'osaka-admin', 'osaka'],
      ['user.create', 'osaka', 'admin', '*'],
    ]);
    expect((await call(osaka, 'GET', '/api/v1/audit?tenant=default')).status).toBe(403);
    expect(await audit(osaka, '?tenant=osaka')).toHaveLength(2);
    // An admin of every tenant may narrow to one.
    const defaults = await audit(await app.adminToken(), '?tenant=default');
    expect(defaults.length).toBeGreaterThan(0);
    expect(defaults.every((e) => e.tenant === 'default')).toBe(true);
  });

  it('reads a range and a limit, and names bad parameters', async () => {
    const admin = await app.adminToken();
    const range = await audit(
      admin,
      '?from=2026-11-24T10:00:02.000%2B09:00&to=2026-11-24T10:00:04.000%2B09:00',
    );
    expect(range.map((e) => e.action)).toEqual(['display-token.create', 'user.update']);
    expect(await audit(admin, '?limit=1')).toHaveLength(1);
    const bad = await call(admin, 'GET', '/api/v1/audit?limit=0&from=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/from: .*limit: /);
    const backwards = await call(
      admin,
      'GET',
      '/api/v1/audit?from=2026-11-24T10:00:04.000%2B09:00&to=2026-11-24T10:00:02.000%2B09:00',
    );
    expect(backwards.status).toBe(400);
  });

  it('is in the OpenAPI document with its parameters', async () => {
    const document = (await (await fetch(`${app.url}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    const operation = document.paths['/api/v1/audit']?.['get'];
    expect(operation?.parameters?.map((p) => p.name).sort()).toEqual([
      'from',
      'limit',
      'tenant',
      'to',
    ]);
  });
});
