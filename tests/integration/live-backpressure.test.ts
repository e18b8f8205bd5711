import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
  type LiveSnapshot,
  type LiveUpdate,
} from '@mieruka/contracts';
import { applyPatch } from '@mieruka/kpi';
import { LiveGateway } from '../../apps/api/src/live/live.gateway';
import { StalledClient, type Received } from '../support/stalled-client';
import { postEvents, startTestApp, type TestApp } from '../support/test-app';

type Client = Socket<LiveServerEvents, LiveClientEvents>;

const AT = '2026-11-24T10:07:00.000+09:00';
const BATCHES = 12;

/** One offered call, a second before the test clock: each batch moves `offered` by one. */
function offered(n: number): string {
  return JSON.stringify({
    id: `bp-${n}`,
    type: 'call.offered',
    occurredAt: new Date(Date.parse(AT) - 1_000).toISOString(),
    source: 'test',
    callId: `bp-call-${n}`,
    direction: 'inbound',
    queue: 'support',
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A connection that cannot take more (here: one that stops polling) must not hold up the
 * others nor make the server queue updates for it; when it reads again it skips to the
 * newest state instead of replaying what it missed.
 */
describe('a slow client on the live socket', () => {
  let app: TestApp;
  let fast: Client;

  beforeAll(async () => {
    app = await startTestApp({ at: AT });
  });
  afterAll(async () => {
    fast.close();
    await app.close();
  });

  it('is skipped while stalled, the others get every update, and it resyncs to the newest state', async () => {
    const token = await app.adminToken();
    fast = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
    });
    const joined = (await fast.timeout(5_000).emitWithAck('join', {})) as JoinAnswer;
    if (!joined.ok) throw new Error(joined.error);
    const fastUpdates: LiveUpdate[] = [];
    let fastSnapshot = joined.snapshot;
    fast.on('update', (update) => {
      fastUpdates.push(update);
      fastSnapshot = applyPatch(fastSnapshot, update.patch);
    });

    const stalled = await StalledClient.open(app.url, token);
    const joinAck = await stalled.emit('join', {});
    const [answer] = await stalled.poll();
    expect(answer).toMatchObject({ kind: 'ack', id: joinAck, payload: { ok: true, seq: 0 } });

    // The stalled client reads nothing while the numbers move a dozen times.
    const gateway = app.app.get(LiveGateway);
    let mostBuffered = 0;
    for (let n = 0; n < BATCHES; n++) {
      await postEvents(app, offered(n));
      await pause(300); // past one tick (250 ms): one update per batch
      mostBuffered = Math.max(mostBuffered, gateway.connectionStats().maxBufferedPackets);
    }

    // The reading client got every update, in order, each one past the last.
    expect(fastUpdates.map((u) => u.seq)).toEqual(fastUpdates.map((_, i) => i + 1));
    expect(fastUpdates.length).toBeGreaterThanOrEqual(BATCHES);
    expect(fastSnapshot.windows.today.offered).toBe(BATCHES);
    // Nothing piled up on the server for the stalled one: updates were dropped, not queued.
    expect(mostBuffered).toBeLessThanOrEqual(1);

    // It reads again: the next update's seq jumps past everything it missed…
    const next = stalled.poll();
    await postEvents(app, offered(BATCHES));
    const updates = (await next).filter(
      (p): p is Received & { kind: 'event' } => p.kind === 'event' && p.name === 'update',
    );
    expect(updates.length).toBeLessThanOrEqual(2);
    const seen = updates.map((u) => (u.payload as LiveUpdate).seq);
    expect(Math.min(...seen)).toBeGreaterThan(1);
    // …so it asks for the newest state and lands exactly where the others are.
    const resyncAck = await stalled.emit('resync', { room: joined.room });
    let resynced: Received | undefined;
    while (!resynced) resynced = (await stalled.poll()).find((p) => p.kind === 'ack');
    const state = resynced.payload as { ok: true; seq: number; snapshot: LiveSnapshot };
    expect(resynced).toMatchObject({ kind: 'ack', id: resyncAck });
    expect(state.snapshot.windows.today.offered).toBe(BATCHES + 1);
    expect(state.seq).toBeGreaterThanOrEqual(Math.max(...seen));
  });
});
