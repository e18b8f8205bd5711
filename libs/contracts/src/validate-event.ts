import { MAX_EVENT_DEPTH } from './event-batch';
import type { z } from 'zod';
import { epochOf } from './epoch';
import { EVENT_TYPES, MAX_EVENT_BYTES, isEventType, schemaForType, type CallEvent } from './event';

/** Events may lead the receiving clock by at most this much (clock skew between systems). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

export interface ValidationContext {
  /** The receiving clock, in epoch milliseconds. */
  readonly receivedAt: number;
  /** The reporting currency of a tenant (events in another currency are rejected). */
  currencyOf(tenant: string): string;
}

export type Validation =
  | { readonly ok: true; readonly event: CallEvent }
  | { readonly ok: false; readonly reason: string };

const encoder = new TextEncoder();

/**
 * Checks one raw value against every rule of the canonical event: its shape, its size, and
 * the rules that need the receiver's context (the clock, the tenant's currency). The reason
 * names the field and is meant to be read by a person.
 */
export function validateEvent(raw: unknown, ctx: ValidationContext, bytes?: number): Validation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('event: must be a JSON object');
  }
  const problem = unstorable(raw, 0);
  if (problem !== undefined) return fail(`${pathOf(problem.keys)}: ${problem.reason}`);
  const size = bytes ?? encoder.encode(JSON.stringify(raw)).length;
  if (size > MAX_EVENT_BYTES) {
    return fail(`event: ${size} bytes is over the limit of ${MAX_EVENT_BYTES} bytes`);
  }
  const type = (raw as Record<string, unknown>).type;
  if (type === undefined) return fail('type: is required');
  if (!isEventType(type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 64)}"` : typeof type;
    return fail(`type: unknown event type ${shown} (expected one of ${EVENT_TYPES.join(', ')})`);
  }
  const parsed = schemaForType(type).safeParse(raw);
  if (!parsed.success) return fail(describeIssues(parsed.error.issues, raw));

  const event = parsed.data;
  const occurredAt = epochOf(event.occurredAt);
  if (occurredAt - ctx.receivedAt > MAX_FUTURE_SKEW_MS) {
    return fail(
      `occurredAt: ${event.occurredAt} is more than 5 minutes after the receiving clock (${new Date(ctx.receivedAt).toISOString()})`,
    );
  }
  if ('currency' in event && event.currency !== undefined) {
    const expected = ctx.currencyOf(event.tenant);
    if (event.currency !== expected) {
      return fail(
        `currency: tenant "${event.tenant}" reports in ${expected}, not ${event.currency}`,
      );
    }
  }
  return { ok: true, event };
}

/** Where in the event a value no store could keep sits, and why. */
interface Unstorable {
  /** From the event down to the value; filled in on the way back up. */
  readonly keys: (string | number)[];
  readonly reason: string;
}

/**
 * What no store could keep, found before anything else walks the value: nesting deeper than
 * an event can be (recursion in validation or serialisation would overflow the stack), or a
 * key or string that is not well-formed Unicode — JSON can spell a lone surrogate
 * (`"\\ud800"`), which ClickHouse refuses as text. Every accepted event is walked, so the
 * path is only built for the value that fails.
 */
function unstorable(value: unknown, depth: number): Unstorable | undefined {
  if (typeof value === 'string') {
    return value.isWellFormed()
      ? undefined
      : { keys: [], reason: 'not valid Unicode text (a lone surrogate such as \\ud800)' };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_EVENT_DEPTH) {
    return { keys: [], reason: `nested deeper than an event can be (${MAX_EVENT_DEPTH})` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorable(value[i], depth + 1);
      if (found !== undefined) {
        found.keys.unshift(i);
        return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!key.isWellFormed()) return { keys: [], reason: 'a key is not valid Unicode text' };
    const found = unstorable((value as Record<string, unknown>)[key], depth + 1);
    if (found !== undefined) {
      found.keys.unshift(key);
      return found;
    }
  }
  return undefined;
}

/** `attrs.a`, `items[2].sku`; the event itself is `event`. */
function pathOf(keys: readonly (string | number)[]): string {
  let path = 'event';
  for (const key of keys) {
    if (typeof key === 'number') path = `${path}[${key}]`;
    else path = path === 'event' ? key : `${path}.${key}`;
  }
  return path;
}

function fail(reason: string): Validation {
  return { ok: false, reason };
}

/** `waitMs: must be an integer ≥ 0; queue: is required` — one clause per problem. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string {
  const clauses = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
    const message = missing ? 'is required' : issue.message;
    return path ? `${path}: ${message}` : message;
  });
  return [...new Set(clauses)].join('; ');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
