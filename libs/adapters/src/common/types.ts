import type { CallEvent, CallEventInput } from '@mieruka/contracts';

/** The adapters this library maps; each canonical event's `source` is one of these names. */
export type AdapterName =
  | 'webhook'
  | 'asterisk-ami'
  | 'asterisk-queue-log'
  | 'freeswitch'
  | 'twilio'
  | 'amazon-connect'
  | 'shopify'
  | 'csv';

/**
 * A source payload that could not be mapped. The transport sends it to the dead-letter store
 * as it is: the adapter's name, a reason a person can act on, and the raw payload.
 */
export interface Reject {
  readonly adapter: AdapterName;
  readonly reason: string;
  readonly raw: string;
}

/** What a mapper answers for one source payload (or one frame, one line, one record). */
export interface Mapped {
  readonly events: readonly CallEvent[];
  readonly rejects: readonly Reject[];
}

/** A stateful mapper's answer: its next state as well (the input state is never mutated). */
export interface Step<S> extends Mapped {
  readonly state: S;
}

/**
 * The canonical event a mapper builds before it is checked against the schema. Looser than
 * `CallEventInput` on purpose: a field the source left out (a queue, an agent) stays out, and
 * the schema check turns the candidate into a reject naming that field.
 */
export interface Candidate {
  readonly type: CallEventInput['type'];
  readonly id: string;
  readonly [field: string]: unknown;
}

/** Options every mapper takes. */
export interface BaseOptions {
  /** The tenant the events belong to; `default` when left out. */
  readonly tenant?: string;
  /**
   * Prefix of every event id, so two systems of the same kind (two Asterisk boxes) never
   * produce the same id; defaults to the adapter name.
   */
  readonly idPrefix?: string;
}

export const EMPTY: Mapped = { events: [], rejects: [] };
