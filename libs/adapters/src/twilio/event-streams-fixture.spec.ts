import type { CallEvent } from '@mieruka/contracts';
import { firstOfEachId, fixtureText, floorAt, formLines } from '../common/fixture-testing';
import { canonical, fold } from '../common/testing';
import type { Reject } from '../common/types';
import {
  parseEventStreamsBody,
  stepEventStreamsBatch,
  type EventStreamsState,
  type TwilioCloudEvent,
} from './event-streams';
import { initialTaskRouterState, stepTaskRouter } from './taskrouter';

/**
 * The workspace of `taskrouter-layout.form` delivered by an Event Streams webhook sink
 * (tests/fixtures/adapters/twilio, `event-streams-taskrouter.ours.jsonl`, written by us from
 * the TaskRouter event schema's fields): one POST body — a JSON array of CloudEvents — per
 * line, out of order within a batch, one event delivered twice, one Voice event the
 * subscription should not have sent.
 */
const bodies = fixtureText('twilio', 'event-streams-taskrouter.ours.jsonl')
  .split('\n')
  .filter((line) => line !== '')
  .map(parseEventStreamsBody);
const T = Date.parse('2026-11-24T01:00:00Z'); // 10:00 in Tokyo
const TASK = (n: number) => `WT${String(n).padStart(32, '0')}`;

describe('TaskRouter events from an Event Streams webhook sink', () => {
  const batches: TwilioCloudEvent[][] = [];
  const badElements: Reject[] = [];
  for (const body of bodies) {
    if (!body.ok) throw new Error(body.reason);
    batches.push([...body.events]);
    badElements.push(...body.rejects);
  }
  let state: EventStreamsState = { taskRouter: initialTaskRouterState, seen: new Set() };
  const events: CallEvent[] = [];
  const rejects: Reject[] = [];
  let redelivered = 0;
  for (const batch of batches) {
    const step = stepEventStreamsBatch(state, batch);
    state = step.state;
    events.push(...step.events);
    rejects.push(...step.rejects);
    redelivered += step.redelivered;
  }
  canonical(events);
  const stored = firstOfEachId(events);

  it('reads seven deliveries of 18 CloudEvents; the redelivered one is stepped once', () => {
    expect(batches.map((b) => b.length)).toEqual([2, 3, 3, 3, 3, 2, 3]);
    expect(badElements).toEqual([]);
    expect(redelivered).toBe(1);
  });

  it('keeps the Voice event as a dead letter with the CloudEvent as received', () => {
    expect(rejects.map((r) => r.reason)).toEqual([
      'com.twilio.voice.status-callback.call.completed: not a TaskRouter event (subscribe the sink to com.twilio.taskrouter.* only)',
    ]);
    expect(JSON.parse(rejects[0]!.raw)).toMatchObject({ id: 'EZ00000000000000000000000000000099' });
  });

  const callbacks = fold(
    initialTaskRouterState,
    formLines('twilio', 'taskrouter-layout.form'),
    (s, p) => stepTaskRouter(s, p),
  );

  it('makes the very events the callbacks make: one mapping, two envelopes, the same ids', () => {
    expect(stored).toEqual(firstOfEachId(callbacks.events));
  });

  it('answers, times and abandon reasons as the callbacks do', () => {
    const of = (type: CallEvent['type']) => stored.filter((e) => e.type === type);
    expect(of('call.offered').map((e) => e.callId)).toEqual([TASK(1), TASK(2), TASK(3)]);
    expect(of('call.connected')).toEqual([
      expect.objectContaining({ callId: TASK(1), agentId: 'alice', waitMs: 18_000 }),
    ]);
    expect(of('call.wrapped')).toEqual([
      expect.objectContaining({ callId: TASK(1), talkMs: 240_222, wrapMs: 30_037 }),
    ]);
    expect(
      of('call.abandoned').map((e) => [e.callId, 'reason' in e ? e.reason : undefined]),
    ).toEqual([
      [TASK(2), 'caller_hangup'],
      [TASK(3), 'timeout'],
    ]);
  });

  it('puts on the wallboard at 10:10 what the callbacks put there: alice available, bob on break with one missed ring, both unanswered calls with their reasons', () => {
    const view = floorAt(stored, T + 600_000);
    expect(view).toEqual(floorAt(firstOfEachId(callbacks.events), T + 600_000));
    expect(Object.entries(view.agents).map(([id, a]) => [id, a.state, a.missedRings])).toEqual([
      ['alice', 'available', undefined],
      ['bob', 'break', 1],
    ]);
    expect(view.abandoned.map((a) => [a.callId, a.reason])).toEqual([
      [TASK(3), 'timeout'],
      [TASK(2), 'caller_hangup'],
    ]);
  });
});
