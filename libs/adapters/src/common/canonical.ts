import { describeIssues, isEventType, schemaForType, type CallEvent } from '@mieruka/contracts';
import type { AdapterName, Candidate, Mapped, Reject } from './types';

/**
 * Checks a mapped event against the canonical schema, so an adapter can never hand on an
 * event that ingest would refuse: a candidate that fails becomes a reject naming the field.
 */
export function toCanonical(
  adapter: AdapterName,
  candidate: Candidate,
  raw: string,
): { readonly event: CallEvent } | { readonly reject: Reject } {
  const type: unknown = candidate.type;
  if (!isEventType(type)) {
    return { reject: reject(adapter, `type: unknown event type ${String(type)}`, raw) };
  }
  const parsed = schemaForType(type).safeParse(candidate);
  if (parsed.success) return { event: parsed.data };
  return { reject: reject(adapter, describeIssues(parsed.error.issues, candidate), raw) };
}

/** Collects candidates into a mapping result, each checked by `toCanonical`. */
export function collect(
  adapter: AdapterName,
  candidates: readonly Candidate[],
  raw: string,
  rejects: readonly Reject[] = [],
): Mapped {
  const events: CallEvent[] = [];
  const all: Reject[] = [...rejects];
  for (const candidate of candidates) {
    const result = toCanonical(adapter, candidate, raw);
    if ('event' in result) events.push(result.event);
    else all.push(result.reject);
  }
  return { events, rejects: all };
}

export function reject(adapter: AdapterName, reason: string, raw: string): Reject {
  return { adapter, reason, raw };
}

/** Concatenates mapping results in order. */
export function merge(results: readonly Mapped[]): Mapped {
  return {
    events: results.flatMap((r) => r.events),
    rejects: results.flatMap((r) => r.rejects),
  };
}
