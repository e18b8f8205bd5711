import type {
  AuditEntry,
  JoinAnswer,
  SessionAnswer,
  SignedOut,
  UserInfo,
} from '@mieruka/contracts';
import { callJson, liveClients, type LiveClient } from '../support/api-calls';
import { login, startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'a-long-enough-password';

/**
 * A supervisor limited to part of the floor (`team:blue`) sees that part only — REST, the
 * floor view and the live socket — and never the whole tenant's numbers. An admin's change to
 * the limits ends the sessions signed before it at once (REST 401, the socket signed out as
 * expired); a refresh signs the new limits in.
 */
describe('supervisors limited to scopes', () => {
  let app: TestApp;
  const clients = liveClients();

  beforeAll(async () => {
    app = await startTestApp({ at: '2026-11-24T10:00:00.000+09:00' });
  });
  afterAll(async () => {
    clients.closeAll();
    await app.close();
  });

  const admin = async (method: string, path: string, body?: unknown) =>
    callJson(app.url, await app.adminToken(), method, path, body);

  async function as(token: string, path: string) {
    const response = await fetch(`${app.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, text: await response.text() };
  }

  const connect = (token: string) => clients.connect(app.url, token);

  const join = (client: LiveClient, scope: string) =>
    client.timeout(5_000).emitWithAck('join', { tenant: 'default', scope }) as Promise<JoinAnswer>;

  let session: SessionAnswer;

  it('adds a supervisor limited to a team, and only supervisors can be limited', async () => {
    const made = await admin('POST', '/api/v1/users', {
      username: 'ito',
      password: PASSWORD,
      tenant: 'default',
      role: 'supervisor',
      scopes: ['team:blue'],
    });
    expect(made).toMatchObject({ status: 201, body: { username: 'ito', scopes: ['team:blue'] } });
    const manager = await admin('POST', '/api/v1/users', {
      username: 'kimura',
      password: PASSWORD,
      tenant: 'default',
      role: 'manager',
      scopes: ['team:blue'],
    });
    expect(manager.status).toBe(400);
    expect(JSON.stringify(manager.body)).toContain('only a supervisor can be limited to scopes');
    session = await login(app.url, 'ito', PASSWORD);
    expect(session.user.scopes).toEqual(['team:blue']);
  });

  it('serves the team and refuses the rest, on REST and the socket', async () => {
    const token = session.accessToken;
    expect((await as(token, '/api/v1/live?scope=team:blue')).status).toBe(200);
    expect((await as(token, '/api/v1/live/floor?scope=team:blue')).status).toBe(200);
    const whole = await as(token, '/api/v1/live?scope=tenant');
    expect(whole.status).toBe(403);
    expect(whole.text).toContain('ito may see only team:blue');
    expect((await as(token, '/api/v1/live?scope=team:red')).status).toBe(403);
    expect((await as(token, '/api/v1/live/floor?scope=tenant')).status).toBe(403);
    expect((await as(token, '/api/v1/stats')).status).toBe(403);

    const client = await connect(token);
    expect((await join(client, 'team:blue')).ok).toBe(true);
    expect(await join(client, 'tenant')).toEqual({
      ok: false,
      error: 'forbidden: ito may see only team:blue',
    });
  });

  it('ends earlier sessions when an admin changes the limits; a refresh brings the new ones', async () => {
    const client = await connect(session.accessToken);
    expect((await join(client, 'team:blue')).ok).toBe(true);
    const signedOut = new Promise<SignedOut>((resolve) => client.once('signedOut', resolve));

    app.clock.now += 1;
    const changed = await admin('PATCH', '/api/v1/users/ito', {
      scopes: ['team:blue', 'team:red'],
    });
    expect(changed).toMatchObject({ status: 200, body: { scopes: ['team:blue', 'team:red'] } });

    const old = await as(session.accessToken, '/api/v1/live?scope=team:blue');
    expect(old.status).toBe(401);
    expect(old.text).toContain('your access changed');
    expect(await signedOut).toEqual({ reason: 'expired' });

    const refreshed = await fetch(`${app.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    session = (await refreshed.json()) as SessionAnswer;
    expect(session.user.scopes).toEqual(['team:blue', 'team:red']);
    expect((await as(session.accessToken, '/api/v1/live?scope=team:red')).status).toBe(200);

    const audit = (await (await app.get('/api/v1/audit')).json()) as AuditEntry[];
    expect(audit.find((e) => e.action === 'user.update' && e.target === 'ito')?.summary).toEqual({
      scopes: 'team:blue, team:red',
    });
  });

  it('drops the limits when the supervisor is promoted, and refuses limits for a manager', async () => {
    app.clock.now += 1;
    expect(
      (await admin('PATCH', '/api/v1/users/ito', { role: 'manager', scopes: ['team:blue'] }))
        .status,
    ).toBe(400);
    const promoted = await admin('PATCH', '/api/v1/users/ito', { role: 'manager' });
    expect(promoted).toMatchObject({ status: 200, body: { role: 'manager', scopes: [] } });
    const listed = (await admin('GET', '/api/v1/users')).body as UserInfo[];
    expect(listed.find((u) => u.username === 'ito')?.scopes).toEqual([]);
    const fresh = await login(app.url, 'ito', PASSWORD);
    expect((await as(fresh.accessToken, '/api/v1/live?scope=tenant')).status).toBe(200);
  });
});
