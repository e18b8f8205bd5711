import {
  defaultWallboard,
  TILE_KINDS,
  type CreatedDisplayToken,
  type WallboardAnswer,
  type WallboardInput,
} from '@mieruka/contracts';
import { UsersService } from '../../apps/api/src/auth/users.service';
import type { WallboardSummary } from '../../apps/api/src/wallboards/wallboards.controller';
import { login, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const PASSWORD = 'a-long-enough-password';

const floor3: WallboardInput = {
  id: 'floor-3',
  tenant: 'default',
  name: 'Floor 3',
  language: 'en',
  rotateSeconds: 20,
  pages: [
    {
      tiles: [
        { kind: 'serviceLevel', scope: 'queue:support', thresholds: { ok: 0.8, warn: 0.6 } },
        { kind: 'kgis', span: 2 },
      ],
    },
  ],
};

/** Wallboard definitions over HTTP: who reads, who writes, validation, the default layout. */
describe('/api/v1/wallboards', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ at: AT });
    await app.app.get(UsersService).addUser({
      username: 'default-mgr',
      password: PASSWORD,
      tenant: 'default',
      role: 'manager',
    });
  });
  afterAll(() => app.close());

  async function as(token: string, method: string, path: string, body?: unknown) {
    return fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  const admin = async (method: string, path: string, body?: unknown) =>
    as(await app.adminToken(), method, path, body);

  async function displayToken(wallboard: string): Promise<string> {
    const response = await admin('POST', '/api/v1/display-tokens', {
      tenant: 'default',
      wallboard,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as CreatedDisplayToken).token;
  }

  it('answers the default layout for a wallboard nobody defined, with the tenant view', async () => {
    const response = await admin('GET', '/api/v1/wallboards/lobby');
    expect(response.status).toBe(200);
    expect((await response.json()) as WallboardAnswer).toEqual({
      wallboard: defaultWallboard('lobby', 'default'),
      stored: false,
      tenant: {
        id: 'default',
        timezone: 'Asia/Tokyo',
        currency: 'JPY',
        serviceLevel: { thresholdMs: 20000, shortAbandonMs: 5000, variant: 'abandons_count' },
        orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
      },
    });
  });

  it('stores what an admin puts, with defaults filled in, and lists it', async () => {
    const put = await admin('PUT', '/api/v1/wallboards/floor-3', floor3);
    expect(put.status).toBe(200);
    const saved = (await put.json()) as WallboardAnswer;
    expect(saved.stored).toBe(true);
    expect(saved.wallboard.pages[0]?.columns).toBe(4);
    expect(saved.wallboard.pages[0]?.tiles[1]).toEqual({
      kind: 'kgis',
      scope: 'tenant',
      window: 'today',
      sound: false,
      span: 2,
    });
    const got = (await (
      await admin('GET', '/api/v1/wallboards/floor-3')
    ).json()) as WallboardAnswer;
    expect(got.wallboard).toEqual(saved.wallboard);
    const list = (await (await admin('GET', '/api/v1/wallboards')).json()) as WallboardSummary[];
    expect(list.map((w) => [w.id, w.name, w.stored, w.updatedBy])).toEqual([
      ['floor-3', 'Floor 3', true, 'admin'],
    ]);
  });

  it('explains every problem of a bad definition, and refuses an id that differs', async () => {
    const bad = await admin('PUT', '/api/v1/wallboards/floor-3', {
      ...floor3,
      rotateSeconds: 1,
      pages: [{ tiles: [{ kind: 'weather' }, { kind: 'funnel', thresholds: { ok: 1, warn: 0 } }] }],
    });
    expect(bad.status).toBe(400);
    const { detail } = (await bad.json()) as { detail: string };
    expect(detail).toContain('rotateSeconds:');
    expect(detail).toContain(`pages.0.tiles.0.kind: must be one of ${TILE_KINDS.join(', ')}`);
    expect(detail).toContain(
      'pages.0.tiles.1.thresholds: a panel (kgis, funnel, lists, dialOutcomes, orderBook, agentGrid, abandonedCalls, leaderboard) takes no thresholds',
    );
    const other = await admin('PUT', '/api/v1/wallboards/floor-3', { ...floor3, id: 'floor-4' });
    expect(other.status).toBe(400);
  });

  it('lets a display token read only the wallboard it is bound to, and never write', async () => {
    const tv = await displayToken('floor-3');
    const mine = await as(tv, 'GET', '/api/v1/wallboards/floor-3');
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as WallboardAnswer).wallboard.name).toBe('Floor 3');
    expect((await as(tv, 'GET', '/api/v1/wallboards/lobby')).status).toBe(403);
    expect((await as(tv, 'GET', '/api/v1/wallboards?tenant=osaka')).status).toBe(403);
    const list = (await (await as(tv, 'GET', '/api/v1/wallboards')).json()) as WallboardSummary[];
    expect(list.map((w) => [w.id, w.stored])).toEqual([['floor-3', true]]);
    expect((await as(tv, 'PUT', '/api/v1/wallboards/floor-3', floor3)).status).toBe(403);
    expect((await as(tv, 'DELETE', '/api/v1/wallboards/floor-3')).status).toBe(403);
    // A screen paired with a wallboard nobody defined yet gets the default layout under its id.
    const lobby = await as(await displayToken('lobby'), 'GET', '/api/v1/wallboards');
    expect(((await lobby.json()) as WallboardSummary[]).map((w) => [w.id, w.stored])).toEqual([
      ['lobby', false],
    ]);
  });

  it('lets managers read but not write, and admins delete', async () => {
    const manager = (await login(app.url, 'default-mgr', PASSWORD)).accessToken;
    expect((await as(manager, 'GET', '/api/v1/wallboards/floor-3')).status).toBe(200);
    expect((await as(manager, 'PUT', '/api/v1/wallboards/floor-3', floor3)).status).toBe(403);
    expect((await admin('DELETE', '/api/v1/wallboards/floor-3')).status).toBe(204);
    expect((await admin('DELETE', '/api/v1/wallboards/floor-3')).status).toBe(404);
    const after = (await (
      await admin('GET', '/api/v1/wallboards/floor-3')
    ).json()) as WallboardAnswer;
    expect(after.stored).toBe(false);
  });
});

/** A TV's token opens only the rooms its wallboard shows (LiveGateway.join). */
describe('display tokens on the live socket', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ at: AT });
  });
  afterAll(() => app.close());

  it('joins the scopes of its wallboard only, and follows an edit of the layout', async () => {
    const { io } = await import('socket.io-client');
    const admin = await app.adminToken();
    const put = (body: WallboardInput) =>
      fetch(`${app.url}/api/v1/wallboards/${body.id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(floor3)).status).toBe(200);
    const created = await fetch(`${app.url}/api/v1/display-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'default', wallboard: 'floor-3' }),
    });
    const { token } = (await created.json()) as CreatedDisplayToken;
    const client = io(`${app.url}/live`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
    });
    try {
      const join = (scope: string) =>
        client.timeout(5_000).emitWithAck('join', { tenant: 'default', scope }) as Promise<{
          ok: boolean;
          error?: string;
        }>;
      // floor-3 shows queue:support (service level) and the tenant (KGIs).
      expect((await join('queue:support')).ok).toBe(true);
      expect((await join('tenant')).ok).toBe(true);
      expect(await join('queue:orders')).toEqual({
        ok: false,
        error: 'forbidden: wallboard floor-3 does not show queue:orders',
      });
      const page = floor3.pages[0]!;
      expect(
        (
          await put({
            ...floor3,
            pages: [{ ...page, tiles: [...page.tiles, { kind: 'orders', scope: 'queue:orders' }] }],
          })
        ).status,
      ).toBe(200);
      expect((await join('queue:orders')).ok).toBe(true);
    } finally {
      client.close();
    }
  });
});
