import { reject } from '../common/canonical';
import type { Reject, Step } from '../common/types';
import { stepTaskRouter, type TaskRouterState, type TwilioOptions } from './taskrouter';

const ADAPTER = 'twilio' as const;
const TASKROUTER_TYPE = 'com.twilio.taskrouter.';

/**
 * One CloudEvent of an Event Streams webhook sink's body (CloudEvents 1.0, structured mode:
 * https://www.twilio.com/docs/events/webhook-quickstart). Its `id` stays the same when Event
 * Streams delivers it again.
 */
export interface TwilioCloudEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The event as received, for a dead letter. */
  readonly raw: string;
}

export type EventStreamsBody =
  | {
      readonly ok: true;
      readonly events: readonly TwilioCloudEvent[];
      readonly rejects: readonly Reject[];
    }
  | { readonly ok: false; readonly reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a sink's body: a JSON array of CloudEvents (one element when the sink does not batch).
 * A body that is no such array is refused whole; an element without `id`, `type` or a `data`
 * object becomes a reject of its own, the others still count.
 */
export function parseEventStreamsBody(text: string): EventStreamsBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: 'body: not JSON (Event Streams posts a JSON array of CloudEvents)',
    };
  }
  if (!Array.isArray(parsed)) {
    return { ok: false, reason: 'body: not a JSON array of CloudEvents' };
  }
  const events: TwilioCloudEvent[] = [];
  const rejects: Reject[] = [];
  parsed.forEach((element: unknown, index) => {
    const raw = JSON.stringify(element) ?? 'null';
    if (
      !isObject(element) ||
      typeof element.id !== 'string' ||
      element.id === '' ||
      typeof element.type !== 'string' ||
      !isObject(element.data)
    ) {
      rejects.push(
        reject(ADAPTER, `event ${index}: a CloudEvent needs id, type and a data object`, raw),
      );
      return;
    }
    events.push({ id: element.id, type: element.type, data: element.data, raw });
  });
  return { ok: true, events, rejects };
}

/** `task_queue_name` → `TaskQueueName`: the callback's name for the same field. */
const pascal = (snake: string): string =>
  snake
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** A payload `timestamp`: an ISO 8601 date (as the schema gives it) or epoch milliseconds. */
function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A TaskRouter CloudEvent's payload as the callback's form parameters, so that one mapping
 * (stepTaskRouter) reads both envelopes: snake_case fields become the callback's PascalCase
 * names (`task_age` → `TaskAge`), `eventtype` the EventType, `timestamp` the TimestampMs;
 * JSON attributes given as objects are written back as the callback's JSON text.
 */
export function taskRouterParams(
  event: TwilioCloudEvent,
): { readonly params: Record<string, string> } | { readonly reason: string } {
  const payload = event.data.payload;
  if (!isObject(payload)) return { reason: `${event.type}: data.payload is missing` };
  const eventType =
    typeof payload.eventtype === 'string' && payload.eventtype !== ''
      ? payload.eventtype
      : event.type.slice(TASKROUTER_TYPE.length);
  const at = epochMs(payload.timestamp);
  if (at === undefined) return { reason: `${eventType}: payload.timestamp is not a date` };
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'eventtype' || key === 'timestamp' || value === null || value === undefined) {
      continue;
    }
    params[pascal(key)] =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  }
  return { params: { ...params, EventType: eventType, TimestampMs: String(at) } };
}

/**
 * Steps the TaskRouter mapping with one CloudEvent. Events of other products are kept as dead
 * letters (the sink's subscription should not send them). Rejects carry the CloudEvent as
 * received, not the parameters it was read into.
 */
export function stepTaskRouterCloudEvent(
  state: TaskRouterState,
  event: TwilioCloudEvent,
  options: TwilioOptions = {},
): Step<TaskRouterState> {
  const fail = (reason: string): Step<TaskRouterState> => ({
    state,
    events: [],
    rejects: [reject(ADAPTER, reason, event.raw)],
  });
  if (!event.type.startsWith(TASKROUTER_TYPE)) {
    return fail(
      `${event.type}: not a TaskRouter event (subscribe the sink to com.twilio.taskrouter.* only)`,
    );
  }
  const read = taskRouterParams(event);
  if ('reason' in read) return fail(read.reason);
  const step = stepTaskRouter(state, read.params, options);
  return { ...step, rejects: step.rejects.map((r) => ({ ...r, raw: event.raw })) };
}

/**
 * Event Streams does not promise order, within a batch either: the batch's TaskRouter events
 * are stepped by their payload time (stable, so equal times keep the sink's order).
 */
export function inPayloadOrder(events: readonly TwilioCloudEvent[]): TwilioCloudEvent[] {
  const time = (e: TwilioCloudEvent) => {
    const payload = e.data.payload;
    return (isObject(payload) ? epochMs(payload.timestamp) : undefined) ?? Number.MAX_SAFE_INTEGER;
  };
  return events
    .map((event, index) => ({ event, index, at: time(event) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((e) => e.event);
}

/** What the sink remembers: the TaskRouter mapping's state and the CloudEvent ids it stored. */
export interface EventStreamsState {
  readonly taskRouter: TaskRouterState;
  /** Ids of the CloudEvents already stored, oldest first, at most `remember` of them. */
  readonly seen: ReadonlySet<string>;
}

/**
 * One sink delivery: its TaskRouter events in payload order, each CloudEvent id once — Event
 * Streams delivers at least once, and a redelivered event stepped again would re-open a task
 * it already closed. The canonical ids are the callback's (task and kind), so a workspace
 * moving from callbacks to a sink, or running both for a while, counts each event once.
 */
export function stepEventStreamsBatch(
  state: EventStreamsState,
  events: readonly TwilioCloudEvent[],
  options: TwilioOptions = {},
  remember = 10_000,
): Step<EventStreamsState> & { readonly redelivered: number } {
  let taskRouter = state.taskRouter;
  const seen = new Set(state.seen);
  const out: Step<EventStreamsState>['events'][number][] = [];
  const rejects: Reject[] = [];
  let redelivered = 0;
  for (const event of inPayloadOrder(events)) {
    if (seen.has(event.id)) {
      redelivered += 1;
      continue;
    }
    const step = stepTaskRouterCloudEvent(taskRouter, event, options);
    taskRouter = step.state;
    out.push(...step.events);
    rejects.push(...step.rejects);
    seen.add(event.id);
  }
  for (const id of seen) {
    if (seen.size <= remember) break;
    seen.delete(id);
  }
  return { state: { taskRouter, seen }, events: out, rejects, redelivered };
}
