import type { SignedOut, UserInfo } from '@mieruka/contracts';
import { callJson, liveClients } from '../support/api-calls';
import { login, startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'a-long-enough-password';

/** Admins manage users: within their tenant, never seeing hashes; disabling ends sessions. */
describe('/api/v1/users', () => {
  let app: TestApp;
  const clients = liveClients();

  beforeAll(async () => {
    app = await startTestApp({ at: '2026-11-24T10:00:00.000+09:00' });
  });
  afterAll(async () => {
    clients.closeAll();
    await app.close();
  });

  const call = (token: string, method: string, path: string, body?: unknown) =>
    callJson(app.url, token, method, `/api/v1/users${path}`, body);

  const user = (username: string, tenant: string, role: string) => ({
    username,
    password: PASSWORD,
    tenant,
    role,
  });

  it('adds users, lists them without secrets, and refuses a taken name', async () => {
    const admin = await app.adminToken();
    const created = await call(admin, 'POST', '', user('sato', 'osaka', 'supervisor'));
    expect(created).toMatchObject({
      status: 201,
      body: { username: 'sato', tenant: 'osaka', role: 'supervisor', disabled: false },
    });
    expect((await call(admin, 'POST', '', user('sato', 'default', 'manager'))).status).toBe(409);
    const listed = await call(admin, 'GET', '');
    expect((listed.body as UserInfo[]).map((u) => u.username)).toEqual(['admin', 'sato']);
    expect(JSON.stringify(listed.body)).not.toMatch(/hash|\$2[aby]\$/);
    const bad = await call(admin, 'POST', '', { ...user('x', 'osaka', 'root'), password: 'short' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('password: must be at least 12 characters');
  });

  it('keeps an admin of one tenant to that tenant', async () => {
    const admin = await app.adminToken();
    await call(admin, 'POST', '', user('osaka-admin', 'osaka', 'admin'));
    const { accessToken } = await login(app.url, 'osaka-admin', PASSWORD);
    expect((await call(accessToken, 'POST', '', user('tanaka', 'default', 'manager'))).status).toBe(
      403,
    );
    expect((await call(accessToken, 'POST', '', user('suzuki', 'osaka', 'manager'))).status).toBe(
      201,
    );
    const seen = (await call(accessToken, 'GET', '')).body as UserInfo[];
    expect(seen.every((u) => u.tenant === 'osaka')).toBe(true);
    expect((await call(accessToken, 'PATCH', '/admin', { disabled: true })).status).toBe(404);
    // A supervisor is no admin.
    const { accessToken: supervisor } = await login(app.url, 'sato', PASSWORD);
    expect((await call(supervisor, 'GET', '')).status).toBe(403);
  });

  it('changes a password: the old one stops working and its renewals end', async () => {
    const admin = await app.adminToken();
    await call(admin, 'POST', '', user('kato', 'default', 'manager'));
    const before = await login(app.url, 'kato', PASSWORD);
    const changed = await call(admin, 'PATCH', '/kato', { password: 'a-brand-new-password' });
    expect(changed.status).toBe(200);
    await expect(login(app.url, 'kato', PASSWORD)).rejects.toThrow('401');
    await login(app.url, 'kato', 'a-brand-new-password');
    const refresh = await fetch(`${app.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: before.refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('disables a user: open sockets close, the session and its renewal stop working', async () => {
    const admin = await app.adminToken();
    await call(admin, 'POST', '', user('ito', 'default', 'supervisor'));
    const session = await login(app.url, 'ito', PASSWORD);
    const client = await clients.connect(app.url, session.accessToken);
    const signedOut = new Promise<SignedOut['reason']>((resolve) =>
      client.once('signedOut', ({ reason }) => resolve(reason)),
    );
    const disabled = await call(admin, 'PATCH', '/ito', { disabled: true });
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } });
    expect(await signedOut).toBe('revoked');
    const live = await fetch(`${app.url}/api/v1/live`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(live.status).toBe(401);
    expect(((await live.json()) as { detail: string }).detail).toBe('user disabled');
    await expect(login(app.url, 'ito', PASSWORD)).rejects.toThrow('401');
    // Enabled again: a new sign-in works.
    await call(admin, 'PATCH', '/ito', { disabled: false });
    await login(app.url, 'ito', PASSWORD);
  });
});
