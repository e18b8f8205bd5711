import { tenantSettingsSchema, type CallEvent, type TenantSettings } from '@mieruka/contracts';
import {
  CheckpointRefused,
  FOLD_VERSION,
  createFloor,
  createProjection,
  evolve,
  foldFloor,
  snapshot,
  type LiveState,
} from '@mieruka/kpi';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { CheckpointStore } from './checkpoint-store';
import {
  captureCheckpoint,
  restoreCheckpoint,
  settingsHash,
  takeCheckpoint,
  type Checkpoint,
} from './live-checkpoint';

const settings: TenantSettings = tenantSettingsSchema.parse({
  tenant: { id: 't1', timezone: 'Asia/Tokyo' },
});
const at = Date.parse('2026-12-07T03:00:00Z');

function offered(id: string, callId: string, occurredAt: number): CallEvent {
  return {
    id,
    tenant: 't1',
    source: 'spec',
    type: 'call.offered',
    callId,
    direction: 'inbound',
    queue: 'q1',
    occurredAt: new Date(occurredAt).toISOString(),
  } as unknown as CallEvent;
}

function stateOf(events: readonly CallEvent[]): LiveState {
  const state = { projection: createProjection(settings), floor: createFloor(settings) };
  for (const e of events) if (evolve(state.projection, e)) foldFloor(state.floor, e);
  return state;
}

describe('CheckpointStore on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let checkpoints: CheckpointStore;
  const hash = settingsHash(settings);

  beforeAll(async () => {
    store = await openTestStore();
    checkpoints = new CheckpointStore(store);
  });
  afterAll(() => store.drop());

  it('reads back what it saved, and the newest by taken_at wins', async () => {
    expect(await checkpoints.newest('t1', FOLD_VERSION, hash)).toBeUndefined();
    const one = stateOf([offered('e1', 'c1', at - 60_000)]);
    const two = stateOf([offered('e1', 'c1', at - 60_000), offered('e2', 'c2', at - 30_000)]);
    const newer = await captureCheckpoint(two, { seq: (at + 1000) * 1000, takenAt: at + 1000 });
    await checkpoints.save(newer);
    // Saved later, taken earlier: not the newest.
    await checkpoints.save(takeCheckpoint(one, { seq: at * 1000, takenAt: at }));

    const loaded = await checkpoints.newest('t1', FOLD_VERSION, hash);
    expect(loaded).toEqual({ ...newer, state: Buffer.from(newer.state) });
    const restored = restoreCheckpoint(loaded!, settings);
    expect(snapshot(restored.projection, at + 1000, 'tenant')).toEqual(
      snapshot(two.projection, at + 1000, 'tenant'),
    );
    expect(await checkpoints.newest('t2', FOLD_VERSION, hash)).toBeUndefined();
  });

  it('never reads a checkpoint of another fold version or other settings as this one', async () => {
    const state = stateOf([offered('e1', 'c1', at - 60_000)]);
    const later = at + 60_000;
    const taken = takeCheckpoint(state, { seq: later * 1000, takenAt: later });
    await checkpoints.save({ ...taken, foldVersion: FOLD_VERSION + 1 });
    expect((await checkpoints.newest('t1', FOLD_VERSION, hash))?.takenAt).toBe(at + 1000);
    expect(await checkpoints.newestOfAny('t1')).toEqual({
      foldVersion: FOLD_VERSION + 1,
      settingsHash: hash,
      takenAt: later,
    });
    const other = tenantSettingsSchema.parse({
      tenant: { id: 't1', timezone: 'Asia/Tokyo' },
      serviceLevel: { thresholdMs: 30_000 },
    });
    expect(await checkpoints.newest('t1', FOLD_VERSION, settingsHash(other))).toBeUndefined();
  });

  it('hands back a corrupted checkpoint as stored, which restoring refuses', async () => {
    const state = stateOf([offered('e1', 'c1', at - 60_000)]);
    const later = at + 120_000;
    const taken: Checkpoint = takeCheckpoint(state, { seq: later * 1000, takenAt: later });
    const bytes = Buffer.from(taken.state);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    await checkpoints.save({ ...taken, state: bytes });
    const loaded = await checkpoints.newest('t1', FOLD_VERSION, hash);
    expect(loaded?.takenAt).toBe(later);
    expect(() => restoreCheckpoint(loaded!, settings)).toThrow(CheckpointRefused);
    expect(() => restoreCheckpoint(loaded!, settings)).toThrow('checksum mismatch');
  });
});

describe('EventStore.eventsStoredAfter on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let events: EventStore;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  it('reads the tail after a checkpoint: the overlap by id, older events only after seq', async () => {
    const horizon = at - 3_600_000;
    const meta = (receivedAt: number) => ({ receivedAt, ingestSource: 'spec' });
    await events.insertEvents([offered('before', 'c0', at - 60_000)], meta(at - 120_000));
    await events.insertEvents(
      [offered('overlap', 'c1', at - 50_000), offered('old-overlap', 'c2', horizon - 1)],
      meta(at - 10_000),
    );
    await events.insertEvents(
      [offered('after', 'c3', at + 5_000), offered('old-after', 'c4', horizon - 5)],
      meta(at + 10_000),
    );
    // A copy of one event stored again later: its first arrival only.
    await events.insertEvents([offered('after', 'c3', at + 5_000)], meta(at + 20_000));
    const tail = await events.eventsStoredAfter('t1', {
      afterSeq: (at - 30_000) * 1000,
      seq: at * 1000,
      from: horizon,
    });
    expect(tail.map((e) => e.id)).toEqual(['overlap', 'after', 'old-after']);
    expect(await events.eventsStoredAfter('t2', { afterSeq: 0, seq: 0, from: 0 })).toEqual([]);
  });
});
