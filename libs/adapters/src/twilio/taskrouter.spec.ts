import { fold } from '../common/testing';
import { initialTaskRouterState, stepTaskRouter, type TwilioOptions } from './taskrouter';

// Callback bodies follow TaskRouter's event reference
// (https://www.twilio.com/docs/taskrouter/api/event/reference): every callback carries
// EventType, Timestamp (epoch seconds), TimestampMs, WorkspaceSid, ResourceSid; task events add
// TaskSid, TaskAge (seconds), TaskAssignmentStatus, TaskAttributes (JSON), TaskChannelUniqueName,
// TaskQueueSid/TaskQueueName once queued, TaskCanceledReason / TaskCompletedReason;
// reservation and worker events add WorkerSid, WorkerName, WorkerActivityName.
const T = 1764000000;
const at = (s: number) => new Date((T + s) * 1000).toISOString();
const TASK = 'WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const WORKER = 'WKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const cb = (
  type: string,
  s: number,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  EventType: type,
  Timestamp: String(T + s),
  TimestampMs: String((T + s) * 1000),
  WorkspaceSid: 'WSxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  ...extra,
});
const task = (extra: Record<string, string> = {}) => ({
  TaskSid: TASK,
  TaskChannelUniqueName: 'voice',
  TaskAttributes: '{"from":"+81311112222","type":"inbound"}',
  ...extra,
});
const queued = { TaskQueueSid: 'WQcccccccccccccccccccccccccccccccc', TaskQueueName: 'support' };
const worker = { WorkerSid: WORKER, WorkerName: 'alice' };
const run = (callbacks: Record<string, string>[], options: TwilioOptions = {}) =>
  fold(initialTaskRouterState, callbacks, (s, p) => stepTaskRouter(s, p, options));
const call = {
  tenant: 'default',
  source: 'twilio',
  callId: TASK,
  direction: 'inbound',
  queue: 'support',
} as const;
const agent = (s: number, state: string, reason?: string) => ({
  id: `twilio:worker:${WORKER}:${(T + s) * 1000}:${state.replace('_', '__')}`,
  type: 'agent.state',
  occurredAt: at(s),
  tenant: 'default',
  source: 'twilio',
  agentId: 'alice',
  state,
  ...(reason ? { reason } : {}),
});

describe('stepTaskRouter', () => {
  it('maps an answered call: created, queued, accepted, wrapup, completed', () => {
    const { events, rejects } = run([
      cb('worker.activity.update', -60, { ...worker, WorkerActivityName: 'Available' }),
      cb('task.created', 0, task({ TaskAge: '0', TaskAssignmentStatus: 'pending' })),
      cb('task-queue.entered', 0, task({ ...queued, TaskAge: '0' })),
      cb('reservation.created', 8, task({ ...queued, ...worker, TaskAge: '8' })),
      cb(
        'reservation.accepted',
        12,
        task({
          ...queued,
          ...worker,
          TaskAge: '12',
          ReservationSid: 'WRdddddddddddddddddddddddddddddddd',
        }),
      ),
      cb('task.wrapup', 282, task({ ...queued, TaskAge: '282', TaskAssignmentStatus: 'wrapping' })),
      cb(
        'task.completed',
        312,
        task({
          ...queued,
          TaskAge: '312',
          TaskAssignmentStatus: 'completed',
          TaskCompletedReason: 'Task completed',
          TaskAttributes: '{"conversations":{"outcome":"resolved"}}',
        }),
      ),
    ]);
    expect(rejects).toEqual([]);
    expect(events).toEqual([
      agent(-60, 'available'),
      { ...call, id: `twilio:${TASK}:offered:support`, type: 'call.offered', occurredAt: at(0) },
      {
        ...call,
        id: `twilio:${TASK}:connected`,
        type: 'call.connected',
        occurredAt: at(12),
        agentId: 'alice',
        waitMs: 12000,
      },
      agent(12, 'on_call'),
      agent(282, 'wrap'),
      {
        ...call,
        id: `twilio:${TASK}:wrapped`,
        type: 'call.wrapped',
        occurredAt: at(312),
        agentId: 'alice',
        talkMs: 270000,
        holdMs: 0,
        wrapMs: 30000,
        disposition: 'resolved',
        attrs: { reason: 'Task completed' },
      },
      agent(312, 'available'),
    ]);
  });

  it('maps a task canceled before any acceptance as an abandon', () => {
    const { events } = run([
      cb('task-queue.entered', 0, task({ ...queued, TaskAge: '0' })),
      cb(
        'task.canceled',
        41,
        task({
          ...queued,
          TaskAge: '41',
          TaskAssignmentStatus: 'canceled',
          TaskCanceledReason: 'hangup',
        }),
      ),
    ]);
    expect(events).toEqual([
      { ...call, id: `twilio:${TASK}:offered:support`, type: 'call.offered', occurredAt: at(0) },
      {
        ...call,
        id: `twilio:${TASK}:abandoned`,
        type: 'call.abandoned',
        occurredAt: at(41),
        waitMs: 41000,
        reason: 'caller_hangup',
        attrs: { reason: 'hangup', caller: '+81311112222' }, // the task attributes' `from`
      },
    ]);
  });

  it.each<[string | undefined, string]>([
    ['hangup', 'caller_hangup'],
    ['Task TTL Exceeded', 'timeout'],
    ['Workflow Timeout', 'timeout'],
    ['Moved to voicemail', 'other'],
    [undefined, 'other'],
  ])('gives TaskCanceledReason %s the abandon reason %s', (canceled, reason) => {
    const { events } = run([
      cb('task-queue.entered', 0, task({ ...queued, TaskAge: '0' })),
      cb(
        'task.canceled',
        30,
        task({ ...queued, TaskAge: '30', ...(canceled ? { TaskCanceledReason: canceled } : {}) }),
      ),
    ]);
    expect(events[1]).toMatchObject({ type: 'call.abandoned', waitMs: 30000, reason });
  });

  it('closes a waiting task the application deleted, and ignores the delete of a closed one', () => {
    const { events } = run([
      cb('task-queue.entered', 0, task({ ...queued, TaskAge: '0' })),
      cb('task.deleted', 12, task({ ...queued, TaskAge: '12' })),
      cb('task.deleted', 13, task({ ...queued, TaskAge: '13' })),
    ]);
    expect(events.map((e) => e.type)).toEqual(['call.offered', 'call.abandoned']);
    expect(events[1]).toMatchObject({ waitMs: 12000, reason: 'other' });
  });

  it.each([
    ['Break', 'break', 'Break'],
    ['Offline', 'logged_out', undefined],
    ['Training', 'not_ready', 'Training'],
  ])('maps the %s activity to %s', (name, state, reason) => {
    const { events } = run([
      cb('worker.activity.update', 5, { ...worker, WorkerActivityName: name }),
    ]);
    expect(events).toEqual([agent(5, state, reason)]);
  });

  it('uses configured agent ids and activities', () => {
    const { events } = run(
      [cb('worker.activity.update', 5, { ...worker, WorkerActivityName: 'Lunch' })],
      {
        agentIds: { alice: 'a-7' },
        activities: { Lunch: 'break' },
      },
    );
    expect(events).toMatchObject([{ agentId: 'a-7', state: 'break', reason: 'Lunch' }]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['no EventType', { Timestamp: String(T) }, 'EventType: is required'],
    [
      'no time',
      { EventType: 'task.created', TaskSid: TASK },
      'task.created: Timestamp is not epoch seconds',
    ],
    [
      'an unknown type',
      cb('sms.received', 0),
      'sms.received: not a TaskRouter event this adapter knows',
    ],
    [
      'a task event no mapping knows',
      cb('task.escalated', 1, task(queued)),
      'task.escalated: not a TaskRouter event this adapter knows',
    ],
    [
      'completed without acceptance',
      cb('task.completed', 9, task(queued)),
      'task.completed: no reservation.accepted was seen for this task',
    ],
    [
      'accepted without TaskAge',
      cb('reservation.accepted', 9, task({ ...queued, ...worker })),
      'reservation.accepted: TaskAge is not whole seconds',
    ],
  ])('rejects %s', (_name, params, reason) => {
    const result = stepTaskRouter(initialTaskRouterState, params);
    expect(result.events).toEqual([]);
    expect(result.rejects).toEqual([
      { adapter: 'twilio', reason, raw: new URLSearchParams(params).toString() },
    ]);
  });

  it('ends a task the worker transferred on as a hand-over (endedBy transfer), as the other adapters do', () => {
    const { events, rejects } = run([
      cb('task-queue.entered', 0, task({ ...queued, TaskAge: '0' })),
      cb('reservation.accepted', 5, task({ ...queued, ...worker, TaskAge: '5' })),
      cb('task.transfer-initiated', 60, task({ TransferType: 'QUEUE', TransferMode: 'COLD' })),
      cb('task.transfer-completed', 70, task({ TransferType: 'QUEUE', TransferMode: 'COLD' })),
      cb('task.wrapup', 70, task({ ...queued, TaskAge: '70' })),
      cb('task.completed', 80, task({ ...queued, TaskAge: '80' })),
      // A transfer that failed leaves the next task's end as it was.
      cb('task-queue.entered', 100, task({ ...queued, TaskSid: 'WTother', TaskAge: '0' })),
      cb(
        'reservation.accepted',
        101,
        task({ ...queued, ...worker, TaskSid: 'WTother', TaskAge: '1' }),
      ),
      cb('task.transfer-failed', 110, task({ TaskSid: 'WTother' })),
      cb('task.completed', 120, task({ ...queued, TaskSid: 'WTother' })),
    ]);
    expect(rejects).toEqual([]);
    const wrapped = events.filter((e) => e.type === 'call.wrapped');
    expect(wrapped.map((e) => [e.callId, e.attrs])).toEqual([
      [TASK, { endedBy: 'transfer' }],
      ['WTother', undefined],
    ]);
  });

  it('counts a reservation that timed out or was declined as a missed ring of the worker', () => {
    const { events, rejects } = run([
      cb('worker.activity.update', 0, { ...worker, WorkerActivityName: 'Available' }),
      cb('task-queue.entered', 1, task({ ...queued, TaskAge: '0' })),
      cb('reservation.created', 2, task({ ...queued, ...worker, TaskAge: '1' })),
      cb('reservation.timeout', 22, task({ ...queued, ...worker, TaskAge: '21' })),
      cb('reservation.created', 23, task({ ...queued, ...worker, TaskAge: '22' })),
      cb('reservation.rejected', 25, task({ ...queued, ...worker, TaskAge: '24' })),
      // A chat offer left to time out is no call that rang.
      cb('reservation.timeout', 30, task({ ...queued, ...worker, TaskChannelUniqueName: 'chat' })),
    ]);
    expect(rejects).toEqual([]);
    expect(events.filter((e) => e.type === 'agent.state')).toEqual([
      agent(0, 'available'),
      {
        ...agent(22, 'available'),
        id: `twilio:worker:${WORKER}:${(T + 22) * 1000}:ring:${TASK}`,
        attrs: { missedRing: TASK },
      },
      {
        ...agent(25, 'available'),
        id: `twilio:worker:${WORKER}:${(T + 25) * 1000}:ring:${TASK}`,
        attrs: { missedRing: TASK, declined: 'true' },
      },
    ]);
  });

  it.each([
    cb('reservation.created', 1, task(queued)),
    cb('workflow.target-matched', 1),
    cb('task.created', 1, task({ TaskChannelUniqueName: 'chat', ...queued })),
  ])('maps %j to nothing', (params) => {
    expect(stepTaskRouter(initialTaskRouterState, params)).toMatchObject({
      events: [],
      rejects: [],
    });
  });
});
