import type { CallEvent, DialOutcome, TenantSettings } from '@mieruka/contracts';

/*
 * What kind of fact, as a small integer: `addFact` runs for every scope, minute, hour and day
 * a fact lands in, and a switch on small integers is a jump table where one on the event's
 * type string is a chain of string comparisons. A connected call's direction is in its kind.
 */
const OFFERED = 0;
const DIALED = 1;
const ANSWERED = 2;
const CONNECTED_OUTBOUND = 3;
const ABANDONED = 4;
const WRAPPED = 5;
const ORDER_CONFIRMED = 6;
const ORDER_CANCELLED = 7;
/** agent.state: counted in no sums. */
const NOT_SUMMED = 8;
/** v2 call.failed: an outbound dial that did not connect; its outcome in `disposition`. */
const FAILED = 9;

/** The sums key counting each dial outcome (a fixed field each, so `addSums` stays plain). */
export const OUTCOME_SUMS = {
  no_answer: 'failedNoAnswer',
  busy: 'failedBusy',
  invalid_number: 'failedInvalidNumber',
  fax: 'failedFax',
  answering_machine: 'failedAnsweringMachine',
  rejected: 'failedRejected',
  other: 'failedOther',
} as const satisfies Record<DialOutcome, keyof Sums>;

/**
 * The counted facts of one event, reduced to what the KPIs need. Buckets keep these (not the
 * events) so a partial bucket at a window's edge can be summed exactly. One fact is shared by
 * every scope its event counts in; a busy day keeps a million, so it holds only what its
 * kind needs.
 */
export interface Fact {
  readonly t: number;
  /** OFFERED, DIALED, … above. */
  readonly kind: number;
  readonly callId: string;
  /** By kind: waitMs (answered, connected, abandoned), handle time (wrapped), cents (orders). */
  readonly value: number;
  /**
   * Wrapped: the disposition; abandoned: the reason ('' when not said: a caller's hang-up);
   * failed: the dial outcome.
   */
  readonly disposition: string;
  /** Wrapped only: 1 resolved, 0 not resolved, -1 not said. */
  readonly resolved: number;
}

/** Whether the event is an offer, or an end (connected, abandoned), of a call: what the live queue tracks. */
export function tracksCall(type: CallEvent['type']): boolean {
  return type === 'call.offered' || type === 'call.connected' || type === 'call.abandoned';
}

export function isCallOffer(fact: Fact): boolean {
  return fact.kind === OFFERED;
}

export function isCallEnd(fact: Fact): boolean {
  return fact.kind === ANSWERED || fact.kind === CONNECTED_OUTBOUND || fact.kind === ABANDONED;
}

export function factOf(event: CallEvent, t: number): Fact {
  // Read per type: each branch touches fixed properties, which keeps this hot path monomorphic.
  let kind = NOT_SUMMED;
  let value = 0;
  let disposition = '';
  let resolved = -1;
  switch (event.type) {
    case 'call.connected':
      kind = event.direction === 'inbound' ? ANSWERED : CONNECTED_OUTBOUND;
      value = event.waitMs ?? 0;
      break;
    case 'call.abandoned':
      kind = ABANDONED;
      value = event.waitMs ?? 0;
      disposition = event.reason ?? '';
      break;
    case 'call.wrapped':
      kind = WRAPPED;
      value = event.talkMs + event.holdMs + event.wrapMs;
      disposition = event.disposition;
      resolved = event.resolved === undefined ? -1 : event.resolved ? 1 : 0;
      break;
    case 'order.confirmed':
    case 'order.cancelled':
      kind = event.type === 'order.confirmed' ? ORDER_CONFIRMED : ORDER_CANCELLED;
      // Amounts have at most two decimals: whole cents keep every sum exact.
      value = Math.round(event.amount * 100);
      break;
    case 'call.offered':
      kind = OFFERED;
      break;
    case 'call.dialed':
      kind = DIALED;
      break;
    case 'call.failed':
      kind = FAILED;
      disposition = event.outcome;
      break;
    default:
      kind = NOT_SUMMED;
  }
  return { t, kind, callId: event.callId ?? '', value, disposition, resolved };
}

/** Additive totals of a set of facts; every KPI of a window derives from one of these. */
export interface Sums {
  offered: number;
  answered: number;
  answeredInSL: number;
  abandoned: number;
  shortAbandoned: number;
  abandonedAfterThreshold: number;
  abandonedCallerHangup: number;
  abandonedTimeout: number;
  abandonedKey: number;
  abandonedEmpty: number;
  abandonedOther: number;
  dialed: number;
  connectedOutbound: number;
  failedDials: number;
  failedNoAnswer: number;
  failedBusy: number;
  failedInvalidNumber: number;
  failedFax: number;
  failedAnsweringMachine: number;
  failedRejected: number;
  failedOther: number;
  wrapped: number;
  orders: number;
  cancelledOrders: number;
  revenueCents: number;
  answeredWaitMs: number;
  handleMs: number;
  resolvedTrue: number;
  resolvedKnown: number;
  dispositions: Map<string, number>;
}

/**
 * The dispositions of bucket sums with none yet. Most minute and hour buckets never see a
 * wrap, and an empty Map in each was a large share of a busy day's memory. Shared, so never
 * written to: `addFact` and `addSums` give sums their own Map at their first disposition.
 */
const NO_DISPOSITIONS: Map<string, number> = new Map();

/** Sums of nothing, for the projection's own buckets (see NO_DISPOSITIONS). */
export function bucketSums(): Sums {
  return {
    offered: 0,
    answered: 0,
    answeredInSL: 0,
    abandoned: 0,
    shortAbandoned: 0,
    abandonedAfterThreshold: 0,
    abandonedCallerHangup: 0,
    abandonedTimeout: 0,
    abandonedKey: 0,
    abandonedEmpty: 0,
    abandonedOther: 0,
    dialed: 0,
    connectedOutbound: 0,
    failedDials: 0,
    failedNoAnswer: 0,
    failedBusy: 0,
    failedInvalidNumber: 0,
    failedFax: 0,
    failedAnsweringMachine: 0,
    failedRejected: 0,
    failedOther: 0,
    wrapped: 0,
    orders: 0,
    cancelledOrders: 0,
    revenueCents: 0,
    answeredWaitMs: 0,
    handleMs: 0,
    resolvedTrue: 0,
    resolvedKnown: 0,
    dispositions: NO_DISPOSITIONS,
  };
}

/** Sums of nothing, with a Map of their own: what callers may add to as they like. */
export function emptySums(): Sums {
  const sums = bucketSums();
  sums.dispositions = new Map();
  return sums;
}

/** The Map to count dispositions in: the sums' own, made now if they share the empty one. */
function ownDispositions(sums: Sums): Map<string, number> {
  if (sums.dispositions === NO_DISPOSITIONS) sums.dispositions = new Map();
  return sums.dispositions;
}

/** Adds one fact, by the counting rules of docs/kpis.md. */
export function addFact(sums: Sums, fact: Fact, sl: TenantSettings['serviceLevel']): void {
  switch (fact.kind) {
    case OFFERED:
      sums.offered++;
      return;
    case DIALED:
      sums.dialed++;
      return;
    case CONNECTED_OUTBOUND:
      sums.connectedOutbound++;
      return;
    case FAILED:
      sums.failedDials++;
      sums[OUTCOME_SUMS[fact.disposition as DialOutcome]]++;
      return;
    case ANSWERED:
      sums.answered++;
      sums.answeredWaitMs += fact.value;
      if (fact.value <= sl.thresholdMs) sums.answeredInSL++;
      return;
    case ABANDONED:
      sums.abandoned++;
      if (fact.value > sl.thresholdMs) sums.abandonedAfterThreshold++;
      switch (fact.disposition) {
        case '':
        case 'caller_hangup':
          sums.abandonedCallerHangup++;
          // Only a caller who hung up quickly misdialled; a queue that gave up did not.
          if (fact.value < sl.shortAbandonMs) sums.shortAbandoned++;
          return;
        case 'timeout':
          sums.abandonedTimeout++;
          return;
        case 'key':
          sums.abandonedKey++;
          return;
        case 'empty':
          sums.abandonedEmpty++;
          return;
        default:
          sums.abandonedOther++;
          return;
      }
    case WRAPPED: {
      sums.wrapped++;
      sums.handleMs += fact.value;
      if (fact.resolved >= 0) {
        sums.resolvedKnown++;
        sums.resolvedTrue += fact.resolved;
      }
      const dispositions = ownDispositions(sums);
      dispositions.set(fact.disposition, (dispositions.get(fact.disposition) ?? 0) + 1);
      return;
    }
    case ORDER_CONFIRMED:
      sums.orders++;
      sums.revenueCents += fact.value;
      return;
    case ORDER_CANCELLED:
      sums.cancelledOrders++;
      sums.revenueCents -= fact.value;
      return;
  }
}

export function addSums(into: Sums, from: Sums): void {
  for (const key of Object.keys(from) as (keyof Sums)[]) {
    if (key === 'dispositions') continue;
    into[key] += from[key];
  }
  if (from.dispositions.size === 0) return;
  const dispositions = ownDispositions(into);
  for (const [name, n] of from.dispositions)
    dispositions.set(name, (dispositions.get(name) ?? 0) + n);
}
