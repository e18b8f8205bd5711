import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  LIVE_PROTOCOL_VERSION,
  parseSettingsFile,
  type CreatedDisplayToken,
  type Floor,
  type JoinAnswer,
  type JoinRequest,
  type LiveClientEvents,
  type LiveFloor,
  type LiveServerEvents,
  type LiveSnapshot,
  type LiveUpdate,
} from '@mieruka/contracts';
import { applyPatch } from '@mieruka/kpi';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { scenarioConfig, scenarioEvents } from '../support/scenarios';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

type Client = Socket<LiveServerEvents, LiveClientEvents>;

const AT = '2026-11-24T10:07:00.000+09:00';
const lines = scenarioEvents('001-hand').trimEnd().split('\n');

/** Real Socket.IO clients against the real API (chDB, the live projection, a fixed clock). */
describe('the live socket (/live)', () => {
  let app: TestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      tenants: new TenantDirectory(parseSettingsFile(scenarioConfig('001-hand'))),
    });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await app.close();
  });

  let token: string;
  beforeAll(async () => {
    token = await app.adminToken();
  });

  function connect(credential = token): Client {
    const client: Client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: credential },
    });
    clients.push(client);
    return client;
  }

  const join = (client: Client, request: JoinRequest) =>
    client.timeout(5_000).emitWithAck('join', request) as Promise<JoinAnswer>;

  async function post(body: string): Promise<void> {
    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body,
    });
    expect(response.status).toBe(200);
  }

  async function httpLive(scope = 'tenant'): Promise<LiveSnapshot> {
    const response = await app.get(`/api/v1/live?scope=${encodeURIComponent(scope)}`);
    return (await response.json()) as LiveSnapshot;
  }

  function nextUpdate(client: Client): Promise<LiveUpdate> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no update within 2 s')), 2_000);
      client.once('update', (update) => {
        clearTimeout(timer);
        resolve(update);
      });
    });
  }

  it('answers a join with the whole snapshot, then patches that keep it equal to /live', async () => {
    const client = connect();
    const joined = await join(client, { scope: 'tenant' });
    if (!joined.ok) throw new Error(joined.error);
    expect(joined).toMatchObject({
      protocol: LIVE_PROTOCOL_VERSION,
      room: 'default|tenant',
      seq: 0,
    });
    expect(joined).not.toHaveProperty('floor');
    expect(joined.snapshot).toEqual(await httpLive());
    expect(joined.snapshot.windows.today.offered).toBe(0);

    // The morning's first half: one update, seq 1, only the values that changed.
    const first = nextUpdate(client);
    await post(lines.slice(0, 8).join('\n'));
    const update = await first;
    expect(update).toMatchObject({ room: 'default|tenant', seq: 1 });
    expect(update.patch.length).toBeGreaterThan(0);
    expect(update.patch.every(([path]) => path[0] !== 'kgis' || path.length > 1)).toBe(true);
    let snapshot = applyPatch(joined.snapshot, update.patch);
    expect(snapshot).toEqual(await httpLive());

    const second = nextUpdate(client);
    await post(lines.slice(8).join('\n'));
    const update2 = await second;
    expect(update2.seq).toBe(2);
    snapshot = applyPatch(snapshot, update2.patch);
    expect(snapshot).toEqual(await httpLive());
    expect(snapshot.windows.today.offered).toBe(5);
  });

  it('coalesces a burst of batches into at most five updates a second', async () => {
    const client = connect();
    const joined = await join(client, { scope: 'queue:burst' });
    if (!joined.ok) throw new Error(joined.error);
    const updates: LiveUpdate[] = [];
    client.on('update', (update) => updates.push(update));
    const started = performance.now();
    for (let n = 0; n < 20; n++) {
      await post(
        JSON.stringify({
          id: `burst-${n}`,
          type: 'call.offered',
          occurredAt: AT,
          source: 'test',
          callId: `burst-call-${n}`,
          direction: 'inbound',
          queue: 'burst',
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 500)); // the last coalesced update
    const elapsed = performance.now() - started;
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
    const snapshot = updates.reduce((s, u) => applyPatch(s, u.patch), joined.snapshot);
    expect(snapshot.windows.today.offered).toBe(20);
    expect(updates.map((u) => u.seq)).toEqual(updates.map((_, i) => i + 1));
  });

  it('sends nothing when only the clock moves and no number with it', async () => {
    const client = connect();
    const joined = await join(client, { scope: 'queue:support' });
    expect(joined.ok).toBe(true);
    // Evening: the working day is over (KGI pacing stands still) and the morning has left the
    // rolling windows. Moving there changes numbers once…
    const moved = nextUpdate(client);
    app.clock.now = Date.parse('2026-11-24T20:00:00.000+09:00');
    expect((await moved).patch.length).toBeGreaterThan(0);
    // …then half a minute passes and nothing but `at` would change: no update at all.
    let updates = 0;
    client.on('update', () => updates++);
    app.clock.now += 30_000;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(updates).toBe(0);
    app.clock.now = Date.parse(AT);
  });

  it('answers a join with the last hour of the trend lines it names, kept across a reload', async () => {
    const scope = 'queue:trend-check';
    const series = [
      { window: 'live', key: 'inQueue' },
      { window: 'today', key: 'offered' },
    ] as const;
    // Soon after AT: the test's admin token is still valid.
    const T = Date.parse(AT) + 60_000;
    app.clock.now = T;
    const first = connect();
    const opened = await join(first, { scope, trend: [...series] });
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.trend).toEqual({ 'live.inQueue': [[T, 0]], 'today.offered': [[T, 0]] });

    // Two callers, half a minute apart: each update is a point of its own half minute.
    for (const [i, at] of [T + 30_000, T + 60_000].entries()) {
      const updated = nextUpdate(first);
      app.clock.now = at;
      await post(
        JSON.stringify({
          id: `trend-offered-${i}`,
          type: 'call.offered',
          occurredAt: new Date(at - 1_000).toISOString(),
          tenant: 'default',
          source: 'test',
          callId: `trend-call-${i}`,
          direction: 'inbound',
          queue: 'trend-check',
        }),
      );
      await updated;
    }

    // The screen reloads: its room closes a moment (nobody in it), the line stays.
    first.close();
    await new Promise((r) => setTimeout(r, 1_500));
    const again = await join(connect(), { scope, trend: [...series] });
    if (!again.ok) throw new Error(again.error);
    expect(again.protocol).toBe(3);
    expect(again.trend).toEqual({
      'live.inQueue': [
        [T, 0],
        [T + 30_000, 1],
        [T + 60_000, 2],
      ],
      'today.offered': [
        [T, 0],
        [T + 30_000, 1],
        [T + 60_000, 2],
      ],
    });
    // A join that names none gets none; a line that is no number is refused.
    const plain = await join(connect(), { scope });
    expect(plain.ok && 'trend' in plain).toBe(false);
    const bad = await join(connect(), { scope, trend: [{ window: 'week', key: 'x' }] } as never);
    expect(bad.ok).toBe(false);
    app.clock.now = Date.parse(AT);
  });

  it('answers resync with the newest state, and refuses a room not joined', async () => {
    const client = connect();
    const joined = await join(client, { scope: 'team:blue' });
    if (!joined.ok) throw new Error(joined.error);
    const again = (await client.timeout(5_000).emitWithAck('resync', {
      room: joined.room,
    })) as JoinAnswer;
    expect(again).toEqual(joined);
    const other = connect();
    expect(await other.timeout(5_000).emitWithAck('resync', { room: 'default|tenant' })).toEqual({
      ok: false,
      error: 'room: join it first',
    });
  });

  it('explains a bad join, and caps the rooms of one connection', async () => {
    const client = connect();
    const answer = await join(client, { scope: 'floor:3' });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toContain('scope: must be tenant or DIMENSION:VALUE');
    for (let i = 0; i < 32; i++)
      expect((await join(client, { scope: `agent:a${i}` })).ok).toBe(true);
    expect(await join(client, { scope: 'agent:one-too-many' })).toEqual({
      ok: false,
      error: 'join: at most 32 rooms per connection',
    });
    expect((await join(client, { scope: 'agent:a0' })).ok).toBe(true); // already in it
  });

  describe('the floor (agents one by one, recent abandoned calls)', () => {
    const local = (time: string) => `2026-11-24T${time}.000+09:00`;

    async function httpFloor(scope = 'tenant', credential?: string): Promise<Response> {
      const path = `/api/v1/live/floor?scope=${encodeURIComponent(scope)}`;
      if (!credential) return app.get(path);
      return fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${credential}` } });
    }
    const floorOf = async (scope = 'tenant'): Promise<Floor> => {
      const {
        at: _at,
        tenant: _tenant,
        scope: _scope,
        ...floor
      } = (await (await httpFloor(scope)).json()) as LiveFloor;
      return floor;
    };

    it('answers a floor join with the floor beside the snapshot, then patches both', async () => {
      const client = connect();
      const frames: string[] = [];
      client.onAny((_event, ...args) => frames.push(JSON.stringify(args)));
      const joined = await join(client, { scope: 'tenant', floor: true });
      if (!joined.ok) throw new Error(joined.error);
      expect(joined).toMatchObject({
        protocol: LIVE_PROTOCOL_VERSION,
        room: 'default|floor|tenant',
        seq: 0,
      });
      expect(joined.snapshot).toEqual(await httpLive());
      // Scenario 001 at 10:07: a1 back from wrap-up at 10:06, a2 on c4 since 10:03:30, two
      // abandons (c3 after 40 s, c2 after 3 s), newest first.
      expect(joined.floor).toEqual({
        agents: {
          a1: { team: 'blue', state: 'available', since: local('10:06:00') },
          a2: {
            team: 'red',
            state: 'on_call',
            since: local('10:03:30'),
            call: {
              callId: 'c4',
              direction: 'inbound',
              queue: 'support',
              since: local('10:03:30'),
            },
          },
        },
        agentsOmitted: 0,
        abandoned: [
          {
            callId: 'c3',
            at: local('10:02:40'),
            queue: 'support',
            waitMs: 40_000,
            reason: 'caller_hangup',
          },
          {
            callId: 'c2',
            at: local('10:01:03'),
            queue: 'support',
            waitMs: 3_000,
            reason: 'caller_hangup',
          },
        ],
        // a1's order of 10:04 (¥12,800) puts a1 on the tenant's leaderboard.
        leaders: { a1: { appointments: 0, orders: 1, revenue: 12_800, connects: 0 } },
      });
      expect(joined.floor).toEqual(await floorOf());

      // a3 logs in; a caller who left a number hangs up after 42 s.
      const next = nextUpdate(client);
      await post(
        [
          {
            id: 'floor-a3',
            type: 'agent.state',
            occurredAt: local('10:06:50'),
            source: 'test',
            agentId: 'a3',
            team: 'blue',
            state: 'break',
          },
          {
            id: 'floor-abandon',
            type: 'call.abandoned',
            occurredAt: local('10:06:55'),
            source: 'test',
            callId: 'c-callback',
            direction: 'inbound',
            queue: 'orders',
            waitMs: 42_000,
            attrs: { caller: '090-1234-5678' },
          },
        ]
          .map((e) => JSON.stringify(e))
          .join('\n'),
      );
      const update = await next;
      expect(update.seq).toBe(1);
      const floor = applyPatch(joined.floor!, update.floorPatch ?? []);
      expect(floor).toEqual(await floorOf());
      expect(floor.agents['a3']).toEqual({
        team: 'blue',
        state: 'break',
        since: local('10:06:50'),
      });
      expect(floor.abandoned[0]).toEqual({
        callId: 'c-callback',
        at: local('10:06:55'),
        queue: 'orders',
        waitMs: 42_000,
        reason: 'caller_hangup',
        caller: '***-****-5678',
      });
      expect(applyPatch(joined.snapshot, update.patch)).toEqual(await httpLive());
      // The full number reached the store, never the socket.
      expect(frames.join('')).toContain('***-****-5678');
      expect(frames.join('')).not.toContain('1234');
      expect(JSON.stringify(await floorOf())).not.toContain('1234');
    });

    it('keeps a plain room free of the floor, and an agent’s room to that agent', async () => {
      const plain = connect();
      const joined = await join(plain, { scope: 'team:red' });
      expect(joined.ok && joined.floor).toBeUndefined();
      const next = nextUpdate(plain);
      await post(
        JSON.stringify({
          id: 'floor-a2-wrap',
          type: 'agent.state',
          occurredAt: local('10:06:58'),
          source: 'test',
          agentId: 'a2',
          team: 'red',
          state: 'wrap',
        }),
      );
      const update = await next;
      expect(update.patch.length).toBeGreaterThan(0);
      expect(update).not.toHaveProperty('floorPatch');

      const agent = await join(connect(), { scope: 'agent:a2', floor: true });
      if (!agent.ok) throw new Error(agent.error);
      expect(agent.room).toBe('default|floor|agent:a2');
      expect(Object.keys(agent.floor!.agents)).toEqual(['a2']);
      // In wrap-up, still on c4 (not wrapped yet); wrap-up started at 10:06:58.
      expect(agent.floor!.agents['a2']).toMatchObject({
        state: 'wrap',
        since: local('10:06:58'),
        call: { callId: 'c4' },
      });
      expect(agent.floor!.abandoned).toEqual([]);
    });

    it('shows a display token the floor only of scopes its wallboard has a floor tile of', async () => {
      const admin = await app.adminToken();
      const put = await fetch(`${app.url}/api/v1/wallboards/floor-tv`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'floor-tv',
          name: 'Floor TV',
          pages: [{ tiles: [{ kind: 'agentGrid', scope: 'team:blue' }, { kind: 'asa' }] }],
        }),
      });
      expect(put.status).toBe(200);
      const created = await fetch(`${app.url}/api/v1/display-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'default', wallboard: 'floor-tv' }),
      });
      expect(created.status).toBe(201);
      const tv = (await created.json()) as CreatedDisplayToken;
      const client = connect(tv.token);
      const blue = await join(client, { scope: 'team:blue', floor: true });
      if (!blue.ok) throw new Error(blue.error);
      expect(Object.keys(blue.floor!.agents).sort()).toEqual(['a1', 'a3']);
      expect((await join(client, { scope: 'tenant' })).ok).toBe(true);
      // No tenant funnel on this wallboard: no campaign's room either (see the next test).
      expect((await join(client, { scope: 'campaign:teleapo' })).ok).toBe(false);
      expect(await join(client, { scope: 'tenant', floor: true })).toEqual({
        ok: false,
        error: 'forbidden: wallboard floor-tv does not show the floor of tenant',
      });
      expect((await httpFloor('team:blue', tv.token)).status).toBe(200);
      expect((await httpFloor('tenant', tv.token)).status).toBe(403);
    });

    it('lets a wallboard with a tenant funnel join any campaign’s room (one funnel each), not its floor', async () => {
      const admin = await app.adminToken();
      const put = await fetch(`${app.url}/api/v1/wallboards/funnel-tv`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'funnel-tv',
          name: 'Funnel TV',
          pages: [{ tiles: [{ kind: 'funnel' }] }],
        }),
      });
      expect(put.status).toBe(200);
      const created = await fetch(`${app.url}/api/v1/display-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'default', wallboard: 'funnel-tv' }),
      });
      const tv = (await created.json()) as CreatedDisplayToken;
      const client = connect(tv.token);
      expect((await join(client, { scope: 'campaign:teleapo' })).ok).toBe(true);
      expect((await join(client, { scope: 'campaign:teleapo', floor: true })).ok).toBe(false);
      expect((await join(client, { scope: 'team:blue' })).ok).toBe(false);
    });
  });
});
