import type { CallEvent, TenantSettings } from '@mieruka/contracts';

/**
 * The counted facts of one event, reduced to what the KPIs need. Buckets keep these (not the
 * events) so a partial bucket at a window's edge can be summed exactly.
 */
export interface Fact {
  readonly t: number;
  readonly type: CallEvent['type'];
  readonly callId: string;
  readonly inbound: boolean;
  readonly waitMs: number;
  readonly handleMs: number;
  readonly disposition: string;
  /** 1 resolved, 0 not resolved, -1 not said. */
  readonly resolved: number;
  readonly amountCents: number;
}

export function factOf(event: CallEvent, t: number): Fact {
  // Read per type: each branch touches fixed properties, which keeps this hot path monomorphic.
  let inbound = false;
  let waitMs = 0;
  let handleMs = 0;
  let disposition = '';
  let resolved = -1;
  let amountCents = 0;
  switch (event.type) {
    case 'call.connected':
    case 'call.abandoned':
      inbound = event.direction === 'inbound';
      waitMs = event.waitMs ?? 0;
      break;
    case 'call.wrapped':
      inbound = event.direction === 'inbound';
      handleMs = event.talkMs + event.holdMs + event.wrapMs;
      disposition = event.disposition;
      resolved = event.resolved === undefined ? -1 : event.resolved ? 1 : 0;
      break;
    case 'order.confirmed':
    case 'order.cancelled':
      // Amounts have at most two decimals: whole cents keep every sum exact.
      amountCents = Math.round(event.amount * 100);
      break;
    default:
      inbound = event.type === 'call.offered';
  }
  return {
    t,
    type: event.type,
    callId: event.callId ?? '',
    inbound,
    waitMs,
    handleMs,
    disposition,
    resolved,
    amountCents,
  };
}

/** Additive totals of a set of facts; every KPI of a window derives from one of these. */
export interface Sums {
  offered: number;
  answered: number;
  answeredInSL: number;
  abandoned: number;
  shortAbandoned: number;
  abandonedAfterThreshold: number;
  dialed: number;
  connectedOutbound: number;
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

export function emptySums(): Sums {
  return {
    offered: 0,
    answered: 0,
    answeredInSL: 0,
    abandoned: 0,
    shortAbandoned: 0,
    abandonedAfterThreshold: 0,
    dialed: 0,
    connectedOutbound: 0,
    wrapped: 0,
    orders: 0,
    cancelledOrders: 0,
    revenueCents: 0,
    answeredWaitMs: 0,
    handleMs: 0,
    resolvedTrue: 0,
    resolvedKnown: 0,
    dispositions: new Map(),
  };
}

/** Adds one fact, by the counting rules of docs/kpis.md. */
export function addFact(sums: Sums, fact: Fact, sl: TenantSettings['serviceLevel']): void {
  switch (fact.type) {
    case 'call.offered':
      sums.offered++;
      return;
    case 'call.dialed':
      sums.dialed++;
      return;
    case 'call.connected':
      if (!fact.inbound) {
        sums.connectedOutbound++;
        return;
      }
      sums.answered++;
      sums.answeredWaitMs += fact.waitMs;
      if (fact.waitMs <= sl.thresholdMs) sums.answeredInSL++;
      return;
    case 'call.abandoned':
      sums.abandoned++;
      if (fact.waitMs < sl.shortAbandonMs) sums.shortAbandoned++;
      if (fact.waitMs > sl.thresholdMs) sums.abandonedAfterThreshold++;
      return;
    case 'call.wrapped':
      sums.wrapped++;
      sums.handleMs += fact.handleMs;
      if (fact.resolved >= 0) {
        sums.resolvedKnown++;
        sums.resolvedTrue += fact.resolved;
      }
      sums.dispositions.set(fact.disposition, (sums.dispositions.get(fact.disposition) ?? 0) + 1);
      return;
    case 'order.confirmed':
      sums.orders++;
      sums.revenueCents += fact.amountCents;
      return;
    case 'order.cancelled':
      sums.cancelledOrders++;
      sums.revenueCents -= fact.amountCents;
      return;
    case 'agent.state':
      return;
  }
}

export function addSums(into: Sums, from: Sums): void {
  for (const key of Object.keys(from) as (keyof Sums)[]) {
    if (key === 'dispositions') continue;
    into[key] += from[key];
  }
  for (const [name, n] of from.dispositions)
    into.dispositions.set(name, (into.dispositions.get(name) ?? 0) + n);
}
