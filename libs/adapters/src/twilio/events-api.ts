import { reject } from '../common/canonical';
import type { Reject, Step } from '../common/types';
import { taskRouterParams } from './event-streams';
import { stepTaskRouter, type TaskRouterState, type TwilioOptions } from './taskrouter';

const ADAPTER = 'twilio' as const;

/**
 * One TaskRouter Event resource of the REST Events API (`GET …/v1/Workspaces/{WS}/Events`,
 * which keeps a workspace's events for a while: a backfill after downtime reads it).
 */
export interface TaskRouterEventResource {
  /** `EV…`: the resource's own id, the same on every page that lists it. */
  readonly sid: string;
  /** `event_type`, with the callback's name where the resource names it differently. */
  readonly eventType: string;
  /** Epoch milliseconds of `event_date` (refined by `event_date_ms` when the two agree). */
  readonly at: number;
  readonly eventData: Readonly<Record<string, unknown>>;
  /** The resource as read, for a dead letter. */
  readonly raw: string;
}

export interface EventResources {
  readonly resources: readonly TaskRouterEventResource[];
  readonly rejects: readonly Reject[];
}

/** Event types a resource names otherwise than the callback (Twilio's SDK examples print it). */
const CALLBACK_TYPE: Readonly<Record<string, string>> = {
  'worker.activity': 'worker.activity.update',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The top-level JSON texts of a file: one page as the API answers it, pages one after another
 * (pretty-printed or one a line), or NDJSON of resources. Strings are skipped whole, so a brace
 * inside a description does not end a value.
 */
export function jsonTexts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (start < 0 && !/\s/.test(c ?? '')) start = i;
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    if (start >= 0 && depth <= 0 && (c === '}' || c === ']' || c === '\n')) {
      out.push(text.slice(start, i + 1).trim());
      start = -1;
      depth = 0;
    }
  }
  if (start >= 0) out.push(text.slice(start).trim());
  return out.filter((t) => t !== '');
}

/** `event_date` to the second; `event_date_ms` adds the milliseconds only when it is that second. */
function eventTime(resource: Record<string, unknown>): number | undefined {
  const date = resource.event_date;
  if (typeof date !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(date)) return undefined;
  const at = Date.parse(date);
  if (Number.isNaN(at)) return undefined;
  const ms = resource.event_date_ms;
  return typeof ms === 'number' && Math.floor(ms / 1000) === Math.floor(at / 1000) ? ms : at;
}

function readResource(element: unknown, where: string): TaskRouterEventResource | Reject {
  const raw = JSON.stringify(element) ?? 'null';
  const fail = (why: string) => reject(ADAPTER, `${where}: ${why}`, raw);
  if (!isObject(element)) return fail('not an Event resource (a JSON object)');
  const { sid, event_type: type, event_data: eventData } = element;
  if (typeof sid !== 'string' || sid === '') return fail('sid is required');
  if (typeof type !== 'string' || type === '') return fail(`${sid}: event_type is required`);
  const at = eventTime(element);
  if (at === undefined) return fail(`${sid}: event_date is not an ISO 8601 date`);
  if (!isObject(eventData)) return fail(`${sid}: event_data is not an object`);
  return { sid, eventType: CALLBACK_TYPE[type] ?? type, at, eventData, raw };
}

/**
 * Reads a file of Event resources: pages (`{"events": […], "meta": {…}}`), arrays of them, or
 * single resources. A text that is no JSON, or a resource without sid, event_type, event_date
 * or event_data, is a reject with its raw text; the rest still count.
 */
export function readEventResources(text: string): EventResources {
  const resources: TaskRouterEventResource[] = [];
  const rejects: Reject[] = [];
  const take = (element: unknown, where: string) => {
    const read = readResource(element, where);
    if ('adapter' in read) rejects.push(read);
    else resources.push(read);
  };
  jsonTexts(text).forEach((json, n) => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      rejects.push(reject(ADAPTER, `value ${n + 1}: not JSON`, json));
      return;
    }
    const pages = Array.isArray(value) ? value : [value];
    pages.forEach((page: unknown, p) => {
      const where = `value ${n + 1}${Array.isArray(value) ? ` item ${p + 1}` : ''}`;
      if (isObject(page) && Array.isArray(page.events)) {
        page.events.forEach((e: unknown, i) => take(e, `${where} event ${i + 1}`));
      } else take(page, where);
    });
  });
  return { resources, rejects };
}

/**
 * A resource as the callback's parameters, through the sink's reading of snake_case fields
 * (one reading, so the three envelopes cannot drift): `event_data` fields in PascalCase,
 * EventType, TimestampMs and Timestamp, and the resource's Sid.
 */
export function eventResourceParams(
  resource: TaskRouterEventResource,
): { readonly params: Record<string, string> } | { readonly reason: string } {
  const read = taskRouterParams({
    id: resource.sid,
    type: `com.twilio.taskrouter.${resource.eventType}`,
    data: {
      payload: { ...resource.eventData, eventtype: resource.eventType, timestamp: resource.at },
    },
    raw: resource.raw,
  });
  if ('reason' in read) return read;
  return {
    params: {
      ...read.params,
      Sid: resource.sid,
      Timestamp: String(Math.floor(resource.at / 1000)),
    },
  };
}

/** Oldest first, as TaskRouter sent them; equal times by sid, so a rerun steps the same order. */
export function inEventOrder(
  resources: readonly TaskRouterEventResource[],
): TaskRouterEventResource[] {
  return [...resources].sort((a, b) => a.at - b.at || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0));
}

/**
 * Steps the TaskRouter mapping with Event resources in event order, each sid once (pages read
 * while events arrive overlap). The canonical ids are the callback's, so a backfill over a
 * period the callbacks or the sink already delivered counts nothing twice at ingest.
 */
export function stepEventResources(
  state: TaskRouterState,
  resources: readonly TaskRouterEventResource[],
  options: TwilioOptions = {},
): Step<TaskRouterState> & { readonly repeated: number } {
  let current = state;
  const seen = new Set<string>();
  const events: Step<TaskRouterState>['events'][number][] = [];
  const rejects: Reject[] = [];
  let repeated = 0;
  for (const resource of inEventOrder(resources)) {
    if (seen.has(resource.sid)) {
      repeated += 1;
      continue;
    }
    seen.add(resource.sid);
    const read = eventResourceParams(resource);
    if ('reason' in read) {
      rejects.push(reject(ADAPTER, read.reason, resource.raw));
      continue;
    }
    const step = stepTaskRouter(current, read.params, options);
    current = step.state;
    events.push(...step.events);
    rejects.push(...step.rejects.map((r) => ({ ...r, raw: resource.raw })));
  }
  return { state: current, events, rejects, repeated };
}
