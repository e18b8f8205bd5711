import type { CallEvent } from '@mieruka/contracts';
import { firstOfEachId, floorAt, formLines } from '../common/fixture-testing';
import { fold } from '../common/testing';
import { initialTaskRouterState, stepTaskRouter } from './taskrouter';

/**
 * TaskRouter callbacks in the layout a running workspace posts them
 * (tests/fixtures/adapters/twilio, with where the layout came from; the values are ours): one
 * form-encoded body per line, every field a callback carries, not only those the adapter reads.
 */
const callbacks = formLines('twilio', 'taskrouter-layout.form');
const T = Date.parse('2026-11-24T01:00:00Z'); // 10:00 in Tokyo
// Times come from TimestampMs (milliseconds, as posted); waits from TaskAge (whole seconds).
const at = (ms: number) => new Date(T + ms).toISOString();
const TASK = (n: number) => `WT${String(n).padStart(32, '0')}`;

describe('TaskRouter callbacks in a running workspace’s layout', () => {
  const { events, rejects } = fold(initialTaskRouterState, callbacks, (s, p) =>
    stepTaskRouter(s, p),
  );
  const stored = firstOfEachId(events);
  const of = (type: CallEvent['type']) => stored.filter((e) => e.type === type);

  it('reads every callback without a reject, the fields it does not use included', () => {
    expect(callbacks).toHaveLength(17);
    expect(rejects).toEqual([]);
  });

  it('offers each task once although task.created already names its queue and task-queue.entered follows', () => {
    expect(events.filter((e) => e.type === 'call.offered')).toHaveLength(6);
    expect(of('call.offered').map((e) => [e.callId, e.occurredAt])).toEqual([
      [TASK(1), at(111)], // task.created's time, not task-queue.entered's 37 ms later
      [TASK(2), at(60_333)],
      [TASK(3), at(120_407)],
    ]);
  });

  it('shows the answered task, the ring that timed out, a hang-up and a TTL cancel apart', () => {
    expect(of('call.connected')).toEqual([
      expect.objectContaining({ callId: TASK(1), agentId: 'alice', waitMs: 18_000 }),
    ]);
    expect(of('call.wrapped')).toEqual([
      expect.objectContaining({
        callId: TASK(1),
        agentId: 'alice',
        occurredAt: at(288_555),
        talkMs: 240_222, // reservation.accepted → task.wrapup
        holdMs: 0,
        wrapMs: 30_037, // task.wrapup → task.completed
        disposition: 'completed',
        attrs: { reason: 'Task is completed.' },
      }),
    ]);
    expect(of('call.abandoned')).toEqual([
      expect.objectContaining({
        callId: TASK(2),
        waitMs: 40_000,
        reason: 'caller_hangup',
        attrs: { reason: 'hangup', caller: '+81312340002' },
      }),
      // The task's own timeout, not the caller: never a short abandon.
      expect.objectContaining({
        callId: TASK(3),
        waitMs: 300_000,
        reason: 'timeout',
        attrs: { reason: 'Task TTL Exceeded', caller: '+81312340003' },
      }),
    ]);
  });

  it('puts on the wallboard at 10:10: alice available, bob on break with one missed ring, two unanswered calls with their reasons', () => {
    const view = floorAt(stored, T + 600_000);
    expect(view.agents).toEqual({
      alice: { state: 'available', since: '2026-11-24T10:04:48.555+09:00' },
      bob: {
        state: 'break',
        since: '2026-11-24T10:08:20.000+09:00',
        reason: 'Break',
        missedRings: 1,
      },
    });
    // Newest first, as the list shows them.
    expect(view.abandoned.map((a) => [a.callId, a.reason, a.waitMs])).toEqual([
      [TASK(3), 'timeout', 300_000],
      [TASK(2), 'caller_hangup', 40_000],
    ]);
  });
});
