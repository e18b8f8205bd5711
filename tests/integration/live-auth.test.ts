import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type CreatedDisplayToken,
  type DisplayTokenInfo,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
  type SessionAnswer,
  type SignedOut,
} from '@mieruka/contracts';
import { UsersService } from '../../apps/api/src/auth/users.service';
import { login, startTestApp, type TestApp } from '../support/test-app';

type Client = Socket<LiveServerEvents, LiveClientEvents>;

const AT = '2026-11-24T10:07:00.000+09:00';
const PASSWORD = 'a-long-enough-password';

/** Who may connect, join and read: sessions, display tokens, tenants, expiry and revocation. */
describe('authentication of the live socket and the read routes', () => {
  let app: TestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await startTestApp({ at: AT, env: { MIERUKA_SESSION_MINUTES: '15' } });
    const auth = app.app.get(UsersService);
    await auth.addUser({
      username: 'osaka-sv',
      password: PASSWORD,
      tenant: 'osaka',
      role: 'supervisor',
    });
    await auth.addUser({
      username: 'default-mgr',
      password: PASSWORD,
      tenant: 'default',
      role: 'manager',
    });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await app.close();
  });

  const open = (auth?: object): Client => {
    const client: Client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      ...(auth ? { auth } : {}),
    });
    clients.push(client);
    return client;
  };

  /** Connects, answering the refusal's message when the handshake is refused. */
  const connect = (auth?: object): Promise<{ client: Client; refused?: string }> =>
    new Promise((resolve) => {
      const client = open(auth);
      client.once('connect', () => resolve({ client }));
      client.once('connect_error', (error) => resolve({ client, refused: error.message }));
    });

  const join = (client: Client, tenant: string) =>
    client.timeout(5_000).emitWithAck('join', { tenant }) as Promise<JoinAnswer>;

  /** Resolves with the `signedOut` reason and the disconnect reason that follows it. */
  const signedOut = (client: Client): Promise<[SignedOut['reason'], string]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not signed out within 5 s')), 5_000);
      client.once('signedOut', ({ reason }) => {
        client.once('disconnect', (why) => {
          clearTimeout(timer);
          resolve([reason, why]);
        });
      });
    });

  async function as(token: string, method: string, path: string, body?: unknown) {
    return fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async function newDisplayToken(tenant: string, expiresInDays = 30) {
    const response = await as(await app.adminToken(), 'POST', '/api/v1/display-tokens', {
      tenant,
      wallboard: 'floor-2',
      label: 'TV by the window',
      expiresInDays,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as CreatedDisplayToken;
  }

  it('refuses a handshake without a credential, with a wrong one, or with one in the query', async () => {
    expect((await connect()).refused).toBe('unauthorized: send auth: { token } in the handshake');
    expect((await connect({ token: 'mdt_not-a-real-token' })).refused).toBe(
      'unauthorized: token not recognised',
    );
    const forged = (await app.adminToken()).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await connect({ token: forged })).refused).toBe(
      'unauthorized: token signature does not match',
    );
    const display = await newDisplayToken('default');
    const inQuery = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      query: { token: display.token },
    });
    clients.push(inQuery);
    const refused = await new Promise<string>((resolve) =>
      inQuery.once('connect_error', (e) => resolve(e.message)),
    );
    expect(refused).toContain('unauthorized');
  });

  it('lets a display token join its own tenant only, and never shows the secret again', async () => {
    const display = await newDisplayToken('default');
    expect(display.token).toMatch(/^mdt_[A-Za-z0-9_-]{32}$/);
    const { client, refused } = await connect({ token: display.token });
    expect(refused).toBeUndefined();
    expect((await join(client, 'default')).ok).toBe(true);
    expect(await join(client, 'osaka')).toEqual({
      ok: false,
      error: 'forbidden: no access to tenant osaka',
    });
    const list = (await (
      await as(await app.adminToken(), 'GET', '/api/v1/display-tokens?tenant=default')
    ).json()) as DisplayTokenInfo[];
    const listed = list.find((t) => t.id === display.id);
    expect(listed).toMatchObject({
      wallboard: 'floor-2',
      label: 'TV by the window',
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(display.token);
  });

  it('keeps a tenant user to its tenant, on the socket and over HTTP', async () => {
    const session = await login(app.url, 'osaka-sv', PASSWORD);
    expect(session.user).toEqual({
      username: 'osaka-sv',
      tenant: 'osaka',
      role: 'supervisor',
      scopes: [],
    });
    const { client } = await connect({ token: session.accessToken });
    expect((await join(client, 'osaka')).ok).toBe(true);
    expect((await join(client, 'default')).ok).toBe(false);

    expect((await as(session.accessToken, 'GET', '/api/v1/live?tenant=osaka')).status).toBe(200);
    const other = await as(session.accessToken, 'GET', '/api/v1/live?tenant=default');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { detail: string }).detail).toBe('no access to tenant default');
    // History is for managers and admins; display tokens and supervisors get a 403.
    expect(
      (await as(session.accessToken, 'GET', '/api/v1/kpis?tenant=osaka&groupBy=hour')).status,
    ).toBe(403);
    const manager = await login(app.url, 'default-mgr', PASSWORD);
    expect((await as(manager.accessToken, 'GET', '/api/v1/kpis?groupBy=hour')).status).toBe(200);
    const display = await newDisplayToken('default');
    expect((await as(display.token, 'GET', '/api/v1/live')).status).toBe(200);
    expect((await as(display.token, 'GET', '/api/v1/kpis?groupBy=hour')).status).toBe(403);
    // Only admins pair screens.
    expect((await as(manager.accessToken, 'GET', '/api/v1/display-tokens')).status).toBe(403);
  });

  it('answers 401 without a credential and for a wrong password', async () => {
    const anonymous = await fetch(`${app.url}/api/v1/live`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'osaka-sv', password: 'not-the-password' }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { detail: string }).detail).toBe('wrong username or password');
  });

  it('disconnects a screen the moment its display token is revoked', async () => {
    const display = await newDisplayToken('default');
    const first = (await connect({ token: display.token })).client;
    const second = (await connect({ token: display.token })).client;
    const bystander = (await connect({ token: (await newDisplayToken('default')).token })).client;
    const outcomes = Promise.all([signedOut(first), signedOut(second)]);
    const revoke = await as(
      await app.adminToken(),
      'DELETE',
      `/api/v1/display-tokens/${display.id}`,
    );
    expect(revoke.status).toBe(204);
    expect(await outcomes).toEqual([
      ['revoked', 'io server disconnect'],
      ['revoked', 'io server disconnect'],
    ]);
    expect(bystander.connected).toBe(true);
    expect((await connect({ token: display.token })).refused).toBe('unauthorized: token revoked');
    const again = await as(await app.adminToken(), 'DELETE', '/api/v1/display-tokens/no-such-id');
    expect(again.status).toBe(404);
  });

  it('disconnects a session and a display token when they expire, and refuses them after', async () => {
    const session = await login(app.url, 'osaka-sv', PASSWORD);
    const display = await newDisplayToken('default', 1);
    const user = (await connect({ token: session.accessToken })).client;
    const tv = (await connect({ token: display.token })).client;
    const userOut = signedOut(user);
    app.clock.now = Date.parse(AT) + 16 * 60_000; // past the 15-minute session
    expect(await userOut).toEqual(['expired', 'io server disconnect']);
    expect(tv.connected).toBe(true);
    expect((await connect({ token: session.accessToken })).refused).toBe(
      'unauthorized: session expired',
    );
    const tvOut = signedOut(tv);
    app.clock.now = Date.parse(AT) + 25 * 3_600_000; // past the one-day display token
    expect(await tvOut).toEqual(['expired', 'io server disconnect']);
    expect((await connect({ token: display.token })).refused).toBe('unauthorized: token expired');
    app.clock.now = Date.parse(AT);
  });

  it('renews a session with its refresh token once, and ends them all when one is replayed', async () => {
    const first = await login(app.url, 'default-mgr', PASSWORD);
    const refresh = (refreshToken: string) =>
      fetch(`${app.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    const renewed = await refresh(first.refreshToken);
    expect(renewed.status).toBe(200);
    const second = (await renewed.json()) as SessionAnswer;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await as(second.accessToken, 'GET', '/api/v1/live')).status).toBe(200);
    // The used token again: it leaked, so the newer one is ended too.
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(second.refreshToken)).status).toBe(401);
  });
});
