import { fold } from '../common/testing';
import {
  eventResourceParams,
  jsonTexts,
  readEventResources,
  stepEventResources,
  type TaskRouterEventResource,
} from './events-api';
import { initialTaskRouterState, stepTaskRouter } from './taskrouter';

const T = Date.parse('2026-11-24T01:00:00Z'); // 10:00 in Tokyo
const TASK = 'WT00000000000000000000000000000001';
const BOB = 'WK00000000000000000000000000000002';
/** `event_date` as the API prints it: to the second, UTC. */
const ISO: Readonly<Record<number, string>> = {
  [T]: '2026-11-24T01:00:00Z',
  [T + 12_250]: '2026-11-24T01:00:12Z',
  [T + 100_500]: '2026-11-24T01:01:40Z',
  [T + 130_000]: '2026-11-24T01:02:10Z',
};

/** An Event resource as the Events API lists it (only the fields the mapping reads, plus sid). */
const resource = (n: number, type: string, atMs: number, data: Record<string, unknown>) => ({
  sid: `EV${String(n).padStart(32, '0')}`,
  event_type: type,
  event_date: ISO[atMs],
  event_date_ms: atMs,
  event_data: data,
  resource_type: type.split('.')[0],
});

const task = { task_sid: TASK, task_queue_name: 'support', task_channel_unique_name: 'voice' };
const worker = { worker_sid: BOB, worker_name: 'bob' };
/** One answered call: offered at 10:00, bob accepts at 10:00:12.250, wraps, completes. */
const answered = [
  resource(1, 'task.created', T, { ...task, task_age: 0 }),
  resource(2, 'reservation.accepted', T + 12_250, { ...task, ...worker, task_age: 12 }),
  resource(3, 'task.wrapup', T + 100_500, { ...task, ...worker }),
  resource(4, 'task.completed', T + 130_000, { ...task, ...worker }),
];
/** The same call as the callback URL receives it. */
const callbacks: Record<string, string>[] = [
  { EventType: 'task.created', TaskSid: TASK, TaskQueueName: 'support', TimestampMs: `${T}` },
  {
    EventType: 'reservation.accepted',
    TaskSid: TASK,
    TaskQueueName: 'support',
    WorkerSid: BOB,
    WorkerName: 'bob',
    TaskAge: '12',
    TimestampMs: `${T + 12_250}`,
  },
  { EventType: 'task.wrapup', TaskSid: TASK, TimestampMs: `${T + 100_500}` },
  { EventType: 'task.completed', TaskSid: TASK, TimestampMs: `${T + 130_000}` },
];

const read = (text: string) => readEventResources(text);
const page = (events: unknown[]) =>
  JSON.stringify({ events, meta: { key: 'events', page: 0, next_page_url: null } }, null, 2);

describe('jsonTexts', () => {
  it('splits pretty-printed pages, NDJSON lines and keeps braces inside strings', () => {
    const text = `{\n  "a": "}{"\n}\n{"b": [1, {"c": 2}]}\n\n[3]\nnot json\n`;
    expect(jsonTexts(text)).toEqual([
      '{\n  "a": "}{"\n}',
      '{"b": [1, {"c": 2}]}',
      '[3]',
      'not json',
    ]);
  });
});

describe('readEventResources', () => {
  it('reads a page, an NDJSON of resources and an array of pages alike', () => {
    const ndjson = answered.map((r) => JSON.stringify(r)).join('\n');
    const fromPage = read(page(answered));
    expect(fromPage.rejects).toEqual([]);
    expect(fromPage.resources.map((r) => r.sid)).toEqual(answered.map((r) => r.sid));
    expect(read(ndjson).resources).toEqual(fromPage.resources);
    expect(
      read(JSON.stringify([{ events: answered.slice(0, 2) }, { events: answered.slice(2) }]))
        .resources,
    ).toEqual(fromPage.resources);
  });

  it('rejects what it cannot read with a reason and the raw text, and keeps the rest', () => {
    const noDate = { ...answered[0], event_date: 'yesterday' };
    const { resources, rejects } = read(
      `${JSON.stringify(answered[1])}\n{"sid": "EV1", oops}\n${JSON.stringify(noDate)}\n[]`,
    );
    expect(resources.map((r) => r.eventType)).toEqual(['reservation.accepted']);
    expect(rejects.map((r) => [r.reason, r.raw])).toEqual([
      ['value 2: not JSON', '{"sid": "EV1", oops}'],
      [`value 3: ${noDate.sid}: event_date is not an ISO 8601 date`, JSON.stringify(noDate)],
    ]);
  });

  it('takes the milliseconds of event_date_ms only when it is the second event_date names', () => {
    const [agrees] = read(JSON.stringify(answered[1])).resources;
    expect(agrees?.at).toBe(T + 12_250);
    const elsewhere = { ...answered[1], event_date_ms: 987654321111 };
    expect(read(JSON.stringify(elsewhere)).resources[0]?.at).toBe(T + 12_000);
  });
});

describe('eventResourceParams', () => {
  it("gives the callback's parameters: PascalCase fields, EventType, Timestamp, TimestampMs, Sid", () => {
    const [accepted] = read(JSON.stringify(answered[1])).resources as TaskRouterEventResource[];
    expect(eventResourceParams(accepted!)).toEqual({
      params: {
        TaskSid: TASK,
        TaskQueueName: 'support',
        TaskChannelUniqueName: 'voice',
        WorkerSid: BOB,
        WorkerName: 'bob',
        TaskAge: '12',
        EventType: 'reservation.accepted',
        TimestampMs: String(T + 12_250),
        Timestamp: String((T + 12_000) / 1000),
        Sid: answered[1]!.sid,
      },
    });
  });

  it("reads a resource's worker.activity as the callback's worker.activity.update", () => {
    const activity = resource(9, 'worker.activity', T, {
      ...worker,
      worker_activity_name: 'Break',
    });
    const [r] = read(JSON.stringify(activity)).resources;
    expect(r?.eventType).toBe('worker.activity.update');
  });
});

describe('stepEventResources', () => {
  const fromCallbacks = fold(initialTaskRouterState, callbacks, (s, p) => stepTaskRouter(s, p));

  it('makes the events the callbacks make, same ids, from a page listed newest first', () => {
    const { resources } = read(page([...answered].reverse()));
    const step = stepEventResources(initialTaskRouterState, resources);
    expect(step.rejects).toEqual([]);
    expect(step.events).toEqual(fromCallbacks.events);
    expect(step.events.map((e) => e.type)).toEqual([
      'call.offered',
      'call.connected',
      'agent.state',
      'agent.state',
      'call.wrapped',
      'agent.state',
    ]);
  });

  it('steps a resource listed on two overlapping pages once', () => {
    const { resources } = read(`${page(answered.slice(0, 3))}\n${page(answered.slice(2))}`);
    const step = stepEventResources(initialTaskRouterState, resources);
    expect(step.repeated).toBe(1);
    expect(step.events).toEqual(fromCallbacks.events);
  });

  it('keeps an event the mapping refuses as a dead letter holding the resource', () => {
    const unknown = resource(7, 'task.mystery', T, task);
    const step = stepEventResources(
      initialTaskRouterState,
      read(JSON.stringify(unknown)).resources,
    );
    expect(step.rejects.map((r) => [r.reason, JSON.parse(r.raw) as unknown])).toEqual([
      ['task.mystery: not a TaskRouter event this adapter knows', unknown],
    ]);
  });
});
