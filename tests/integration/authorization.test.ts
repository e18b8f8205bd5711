/**
 * The authorisation matrix: every REST route the API documents (read from its own OpenAPI
 * document, so a new route cannot slip past) called with every kind of credential — none, a
 * forged one, the all-tenant admin, a tenant's admin, manager and supervisor, a TV's display
 * token, an ingest key from the settings and one an admin issued, an expired session and a
 * revoked display token. Each route states who
 * gets through; everyone else must get 401 or 403. Then every route that takes a `tenant` is
 * asked for another tenant's data by each credential of this tenant, and must refuse.
 */
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  liveRoomName,
  type CreatedDisplayToken,
  type CreatedIngestKey,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
} from '@mieruka/contracts';
import { TEST_KEY, login, startTestApp, type TestApp } from '../support/test-app';

const EVERY_CREDENTIAL = [
  'anonymous',
  'forged',
  'rootAdmin',
  'admin',
  'manager',
  'supervisor',
  'display',
  'ingest',
  'issuedKey',
] as const;
type Credential = (typeof EVERY_CREDENTIAL)[number];

const ADMINS: readonly Credential[] = ['rootAdmin', 'admin'];
const SIGNED_IN: readonly Credential[] = [...ADMINS, 'manager', 'supervisor', 'display'];
const EVERYONE = EVERY_CREDENTIAL;

/**
 * Who gets through each route (`METHOD /path` as OpenAPI writes it). Routes signed by their
 * source (webhooks, Twilio, Amazon Connect) take no bearer credential at all: nobody here.
 */
const POLICY: Record<string, readonly Credential[]> = {
  'GET /api/v1/health': EVERYONE,
  'GET /api/v1/ready': EVERYONE,
  'GET /metrics': EVERYONE,
  'POST /api/v1/auth/login': EVERYONE,
  'POST /api/v1/auth/refresh': EVERYONE,
  'POST /api/v1/auth/logout': EVERYONE,
  'POST /api/v1/events': ['ingest', 'issuedKey'],
  'POST /api/v1/dead-letters': ['ingest', 'issuedKey'],
  'GET /api/v1/dead-letters': ['ingest', 'issuedKey'],
  'GET /api/v1/live': SIGNED_IN,
  'GET /api/v1/live/floor': SIGNED_IN,
  'GET /api/v1/stats': SIGNED_IN,
  'GET /api/v1/kpis': [...ADMINS, 'manager'],
  'GET /api/v1/kpis/orders': [...ADMINS, 'manager'],
  'GET /api/v1/events': [...ADMINS, 'manager'],
  'GET /api/v1/wallboards': SIGNED_IN,
  'GET /api/v1/wallboards/{id}': SIGNED_IN,
  'PUT /api/v1/wallboards/{id}': ADMINS,
  'DELETE /api/v1/wallboards/{id}': ADMINS,
  'GET /api/v1/users': ADMINS,
  'POST /api/v1/users': ADMINS,
  'PATCH /api/v1/users/{username}': ADMINS,
  'GET /api/v1/display-tokens': ADMINS,
  'POST /api/v1/display-tokens': ADMINS,
  'DELETE /api/v1/display-tokens/{id}': ADMINS,
  'GET /api/v1/ingest-keys': ADMINS,
  'POST /api/v1/ingest-keys': ADMINS,
  'DELETE /api/v1/ingest-keys/{id}': ADMINS,
  'GET /api/v1/audit': ADMINS,
  'GET /api/v1/tenants': ADMINS,
  'GET /api/v1/tenants/{id}': ADMINS,
  'PUT /api/v1/tenants/{id}': ADMINS,
  'GET /api/v1/adapters': ADMINS,
  'GET /api/v1/adapters/{name}': ADMINS,
  'PUT /api/v1/adapters/{name}': ADMINS,
  'GET /api/v1/alerts/{tenant}': ADMINS,
  'PUT /api/v1/alerts/{tenant}': ADMINS,
  'PUT /api/v1/alerts/{tenant}/rules/{rule}': ADMINS,
  'DELETE /api/v1/alerts/{tenant}/rules/{rule}': ADMINS,
  'GET /api/v1/alerts/{tenant}/deliveries': ADMINS,
  'POST /api/v1/abandoned-calls/{callId}/called-back': [...ADMINS, 'manager', 'supervisor'],
  'POST /api/v1/abandoned-calls/{callId}/caller': [...ADMINS, 'manager'],
  'POST /api/v1/webhooks/events': [],
  'POST /api/v1/twilio/taskrouter': [],
  'POST /api/v1/twilio/voice': [],
  'POST /api/v1/twilio/event-streams': [],
  'POST /api/v1/amazon-connect/records': [],
  'POST /api/v1/shopify/webhooks': [],
};

/** What a route needs in its query to get past validation to the tenant check. */
const REQUIRED_QUERY: Record<string, Record<string, string>> = {
  'GET /api/v1/kpis': { groupBy: 'hour' },
  'GET /api/v1/kpis/orders': { by: 'agent' },
  'GET /api/v1/events': { from: '2026-11-24T00:00:00Z', to: '2026-11-24T01:00:00Z' },
};

const TENANT = 'default';
const OTHER_TENANT = 'osaka';
const WALLBOARD = 'floor-1';
const PASSWORD = 'a-long-enough-password';

type Client = Socket<LiveServerEvents, LiveClientEvents>;

describe('authorisation of every route and the live socket, per credential', () => {
  let app: TestApp;
  const tokens = {} as Record<Credential, string | undefined>;
  let revokedDisplayToken: string;
  let routes: string[];
  /** Routes whose documented query takes a `tenant`. */
  const tenantRoutes: string[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      at: '2026-11-24T10:00:00.000+09:00',
      // The signed adapter routes are live (with secrets nobody here holds).
      env: {
        MIERUKA_WEBHOOK_SECRETS: 'webhook-secret-0123456789',
        MIERUKA_TWILIO_AUTH_TOKENS: 'twilioToken0123456789',
        MIERUKA_TWILIO_PUBLIC_URL: 'https://wallboard.example.com',
        MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: 'firehose-key-0123456789',
        MIERUKA_SHOPIFY_SECRETS: 'shopify-secret-0123456789',
      },
    });
    const root = await app.adminToken();
    const send = (method: string, path: string, body: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${root}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const role of ['admin', 'manager', 'supervisor'] as const) {
      const made = await send('POST', '/api/v1/users', {
        username: `${role}-1`,
        password: PASSWORD,
        tenant: TENANT,
        role,
      });
      expect(made.status).toBe(201);
      tokens[role] = (await login(app.url, `${role}-1`, PASSWORD)).accessToken;
    }
    const pair = async () => {
      const made = await send('POST', '/api/v1/display-tokens', {
        tenant: TENANT,
        wallboard: WALLBOARD,
      });
      expect(made.status).toBe(201);
      return (await made.json()) as CreatedDisplayToken;
    };
    tokens.display = (await pair()).token;
    const revoked = await pair();
    revokedDisplayToken = revoked.token;
    const revoke = await fetch(`${app.url}/api/v1/display-tokens/${revoked.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${root}` },
    });
    expect(revoke.status).toBe(204);
    tokens.rootAdmin = root;
    tokens.ingest = TEST_KEY;
    const issued = await send('POST', '/api/v1/ingest-keys', { tenant: TENANT, label: 'PBX' });
    expect(issued.status).toBe(201);
    tokens.issuedKey = ((await issued.json()) as CreatedIngestKey).key;
    tokens.forged = 'ms1.eyJ1c2VybmFtZSI6ImFkbWluIn0.forged-signature';
    tokens.anonymous = undefined;

    const document = (await (await fetch(`${app.url}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    routes = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        routes.push(route);
        const parameters = operation.parameters ?? [];
        if (parameters.some((p) => p.in === 'query' && p.name === 'tenant')) {
          tenantRoutes.push(route);
        }
      }
    }
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.close();
  });

  /**
   * Calls a route as it is documented: path parameters filled in (a wallboard's id is the
   * display token's own, which it may read; a tenant's is this tenant's; an adapter posting into
   * this tenant), the query a route requires, no body.
   */
  async function call(route: string, token: string | undefined, tenant?: string): Promise<number> {
    const [method, template] = route.split(' ') as [string, string];
    const path = template
      .replace('/wallboards/{id}', `/wallboards/${WALLBOARD}`)
      .replace('/tenants/{id}', `/tenants/${TENANT}`)
      .replace('/adapters/{name}', '/adapters/asterisk-ami')
      .replace('/alerts/{tenant}', `/alerts/${TENANT}`)
      .replace(/\{[^}]+\}/g, 'no-such-thing');
    const query = new URLSearchParams(REQUIRED_QUERY[route]);
    if (tenant !== undefined) query.set('tenant', tenant);
    const response = await fetch(`${app.url}${path}?${query.toString()}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('has a stated policy for every documented route, and nothing stated that is not there', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !(route in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('lets through exactly the credentials each route allows', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const allowed = POLICY[route] ?? [];
      for (const credential of EVERY_CREDENTIAL) {
        const status = await call(route, tokens[credential]);
        const passed = status !== 401 && status !== 403;
        if (passed !== allowed.includes(credential)) {
          wrong.push(`${route} as ${credential}: ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses another tenant's data to every credential of this tenant", async () => {
    expect(tenantRoutes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/live',
        'GET /api/v1/stats',
        'GET /api/v1/kpis',
        'GET /api/v1/kpis/orders',
        'GET /api/v1/wallboards',
      ]),
    );
    const wrong: string[] = [];
    for (const route of tenantRoutes) {
      for (const credential of ['admin', 'manager', 'supervisor', 'display'] as const) {
        if (!(POLICY[route] ?? []).includes(credential)) continue;
        const status = await call(route, tokens[credential], OTHER_TENANT);
        if (status !== 403)
          wrong.push(`${route}?tenant=${OTHER_TENANT} as ${credential}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  function connect(token: string | undefined): Promise<Client | Error> {
    const client: Client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      ...(token === undefined ? {} : { auth: { token } }),
    });
    clients.push(client);
    return new Promise((resolve) => {
      client.once('connect', () => resolve(client));
      client.once('connect_error', (error) => resolve(error));
    });
  }

  function join(client: Client, tenant: string): Promise<JoinAnswer> {
    return new Promise((resolve) => client.emit('join', { tenant, scope: 'tenant' }, resolve));
  }

  it('admits to the live socket exactly the signed-in credentials, each to its own tenant', async () => {
    const wrong: string[] = [];
    // Another tenant's room, open (someone of every tenant watches it): a resync names it.
    const watcher = await connect(tokens.rootAdmin);
    if (watcher instanceof Error) throw watcher;
    expect((await join(watcher, OTHER_TENANT)).ok).toBe(true);
    const otherRoom = liveRoomName(OTHER_TENANT, 'tenant');
    for (const credential of EVERY_CREDENTIAL) {
      const client = await connect(tokens[credential]);
      const admitted = !(client instanceof Error);
      if (admitted !== SIGNED_IN.includes(credential)) {
        wrong.push(`${credential} ${admitted ? 'admitted' : 'refused'}`);
      }
      if (client instanceof Error) continue;
      const own = await join(client, TENANT);
      if (!own.ok) wrong.push(`${credential} could not join its own tenant: ${own.error}`);
      const other = await join(client, OTHER_TENANT);
      const mayCross = credential === 'rootAdmin';
      if (other.ok !== mayCross) {
        wrong.push(`${credential} ${other.ok ? 'joined' : 'was refused'} ${OTHER_TENANT}`);
      }
      // The other socket event: a resync of a room not joined answers nothing of it.
      if (!mayCross) {
        const resync = (await client
          .timeout(5_000)
          .emitWithAck('resync', { room: otherRoom })) as JoinAnswer;
        if (resync.ok) wrong.push(`${credential} got ${OTHER_TENANT}'s room by resync`);
      }
      client.close();
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a revoked display token and, once expired, every session — on REST and socket', async () => {
    expect(await call('GET /api/v1/live', revokedDisplayToken)).toBe(401);
    expect(await connect(revokedDisplayToken)).toBeInstanceOf(Error);

    // A day later every access token of the morning has expired (refresh tokens live on).
    app.clock.now += 24 * 60 * 60 * 1000;
    const wrong: string[] = [];
    for (const credential of ['admin', 'manager', 'supervisor'] as const) {
      for (const route of routes) {
        if (!(POLICY[route] ?? []).includes(credential)) continue;
        if ((POLICY[route] ?? []).length === EVERYONE.length) continue;
        const status = await call(route, tokens[credential]);
        if (status !== 401) wrong.push(`${route} with an expired ${credential} session: ${status}`);
      }
      if (!((await connect(tokens[credential])) instanceof Error)) {
        wrong.push(`the socket admitted an expired ${credential} session`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
