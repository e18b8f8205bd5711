import { callEventSchema, type CallEvent } from '@mieruka/contracts';
import type { Mapped, Reject } from './types';

/**
 * For specs: asserts every event passes the canonical schema unchanged (what ingest would
 * store is what the adapter produced) and returns them.
 */
export function canonical(events: readonly CallEvent[]): readonly CallEvent[] {
  for (const event of events) expect(callEventSchema.parse(event)).toEqual(event);
  return events;
}

/** For specs: folds a stateful mapper over inputs, collecting every event and reject. */
export function fold<S, I>(
  initial: S,
  inputs: readonly I[],
  step: (state: S, input: I) => Mapped & { readonly state: S },
): { state: S; events: readonly CallEvent[]; rejects: readonly Reject[] } {
  let state = initial;
  const events: CallEvent[] = [];
  const rejects: Reject[] = [];
  for (const input of inputs) {
    const result = step(state, input);
    state = result.state;
    events.push(...result.events);
    rejects.push(...result.rejects);
  }
  canonical(events);
  return { state, events, rejects };
}
