import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  parseSettingsFile,
  type JoinAnswer,
  type LiveClientEvents,
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

  function connect(): Client {
    const client: Client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
    });
    clients.push(client);
    return client;
  }

  const join = (client: Client, request: { tenant?: string; scope?: string }) =>
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
    expect(joined).toMatchObject({ protocol: 1, room: 'default|tenant', seq: 0 });
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
    const started = Date.now();
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
    const elapsed = Date.now() - started;
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
});
