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
import { tenantSettingsSchema, type CallEvent, type TenantSettings } from '@mieruka/contracts';
import { restoreCheckpoint, settingsHash, takeCheckpoint } from './live-checkpoint';

const settings: TenantSettings = tenantSettingsSchema.parse({
  tenant: { id: 't1', timezone: 'Asia/Tokyo' },
});
const at = Date.parse('2026-12-07T03:00:00Z');

function stateWithCalls(): LiveState {
  const state = { projection: createProjection(settings), floor: createFloor(settings) };
  const events = [
    { type: 'call.offered', callId: 'c1', direction: 'inbound', queue: 'q1' },
    { type: 'call.connected', callId: 'c1', direction: 'inbound', queue: 'q1', agentId: 'a1' },
    { type: 'call.wrapped', callId: 'c1', queue: 'q1', agentId: 'a1', disposition: 'sale' },
    { type: 'call.offered', callId: 'c2', direction: 'inbound', queue: 'q1' },
  ].map(
    (body, i) =>
      ({
        ...body,
        id: `e${i}`,
        tenant: 't1',
        source: 'spec',
        occurredAt: new Date(at - 600_000 + i * 60_000).toISOString(),
      }) as unknown as CallEvent,
  );
  for (const e of events) if (evolve(state.projection, e)) foldFloor(state.floor, e);
  return state;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CheckpointRefused) return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('a live checkpoint', () => {
  it('restores a state whose snapshot is the original one', () => {
    const state = stateWithCalls();
    const checkpoint = takeCheckpoint(state, { seq: 42, takenAt: at });
    expect(checkpoint).toMatchObject({
      tenant: 't1',
      foldVersion: FOLD_VERSION,
      seq: 42,
      takenAt: at,
      settingsHash: settingsHash(settings),
    });
    const restored = restoreCheckpoint(checkpoint, settings);
    expect(snapshot(restored.projection, at, 'queue:q1')).toEqual(
      snapshot(state.projection, at, 'queue:q1'),
    );
    expect(snapshot(restored.projection, at).live.inQueue).toBe(1);
  });

  it('is refused with another fold version, other settings or bytes that fail the checksum', () => {
    const checkpoint = takeCheckpoint(stateWithCalls(), { seq: 1, takenAt: at });
    expect(refusal(() => restoreCheckpoint({ ...checkpoint, foldVersion: 0 }, settings))).toMatch(
      /fold version 0/,
    );
    const other = { ...settings, serviceLevel: { ...settings.serviceLevel, thresholdMs: 1 } };
    expect(refusal(() => restoreCheckpoint(checkpoint, other))).toBe('taken with other settings');
    const state = Uint8Array.from(checkpoint.state);
    state[state.length >> 1]! ^= 0xff;
    expect(refusal(() => restoreCheckpoint({ ...checkpoint, state }, settings))).toBe(
      'checksum mismatch',
    );
  });

  it('is not taken of a state holding a function or an instance of a class it does not know', () => {
    const withFunction = stateWithCalls();
    Object.assign(withFunction.projection.orders, { later: () => 1 });
    expect(refusal(() => takeCheckpoint(withFunction, { seq: 1, takenAt: at }))).toMatch(
      /a function at OrderIndex\.later/,
    );
    class Stranger {
      readonly n = 1;
    }
    const withStranger = stateWithCalls();
    withStranger.floor.calls.set('x', new Stranger() as never);
    expect(refusal(() => takeCheckpoint(withStranger, { seq: 1, takenAt: at }))).toMatch(
      /an instance of Stranger/,
    );
  });
});
