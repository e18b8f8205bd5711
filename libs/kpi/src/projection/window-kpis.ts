import { DIAL_OUTCOMES, type TenantSettings, type WindowKpis } from '@mieruka/contracts';
import type { StateTime } from './agent-timeline';
import { noOrderCounts, type OrderCounts } from './order-index';
import { OUTCOME_SUMS, type Sums } from './sums';

/**
 * How the window's outbound dials ended (docs/kpis.md, Dial outcomes): each outcome with at
 * least one `call.failed`, in the order of DIAL_OUTCOMES, then `connected` (always present).
 */
export function dialOutcomes(sums: Sums): Record<string, number> {
  const outcomes: Record<string, number> = {};
  for (const outcome of DIAL_OUTCOMES) {
    const n = sums[OUTCOME_SUMS[outcome]];
    if (n > 0) outcomes[outcome] = n;
  }
  outcomes.connected = sums.connectedOutbound;
  return outcomes;
}

/** numerator / denominator, or null when the denominator is 0 or below (docs/kpis.md). */
function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Every count, ratio and average of one window, from its sums and agent-state time. */
export function windowKpis(
  sums: Sums,
  time: StateTime,
  settings: TenantSettings,
  orders: OrderCounts = noOrderCounts(),
): WindowKpis {
  const revenue = sums.revenueCents / 100;
  const netOrders = sums.orders - sums.cancelledOrders;
  const counted = sums.answered + sums.abandoned - sums.shortAbandoned;
  const slDenominator = {
    abandons_count: counted,
    answered_only: sums.answered,
    abandons_after_threshold: sums.answered + sums.abandonedAfterThreshold,
  }[settings.serviceLevel.variant];
  const working = time.on_call + time.wrap;
  const loggedIn = time.available + time.on_call + time.wrap + time.not_ready + time.break;
  return {
    offered: sums.offered,
    answered: sums.answered,
    answeredInSL: sums.answeredInSL,
    abandoned: sums.abandoned,
    shortAbandoned: sums.shortAbandoned,
    abandonedCallerHangup: sums.abandonedCallerHangup,
    abandonedTimeout: sums.abandonedTimeout,
    abandonedKey: sums.abandonedKey,
    abandonedEmpty: sums.abandonedEmpty,
    abandonedOther: sums.abandonedOther,
    dialed: sums.dialed,
    connectedOutbound: sums.connectedOutbound,
    wrapped: sums.wrapped,
    orders: sums.orders,
    cancelledOrders: sums.cancelledOrders,
    netOrders,
    revenue,
    dispositions: Object.fromEntries([...sums.dispositions].sort(([a], [b]) => a.localeCompare(b))),
    ...orders,
    failedDials: sums.failedDials,
    dialOutcomes: dialOutcomes(sums),
    serviceLevel: ratio(sums.answeredInSL, slDenominator),
    abandonRate: ratio(sums.abandoned - sums.shortAbandoned, counted),
    asaMs: ratio(sums.answeredWaitMs, sums.answered),
    ahtMs: ratio(sums.handleMs, sums.wrapped),
    connectRate: ratio(sums.connectedOutbound, sums.dialed),
    conversionRate: ratio(sums.orders, sums.answered + sums.connectedOutbound),
    aov: ratio(revenue, netOrders),
    fcr: ratio(sums.resolvedTrue, sums.resolvedKnown),
    occupancy: ratio(working, working + time.available),
    utilization: ratio(working, loggedIn),
    ordersPerAgentHour: ratio(sums.orders, loggedIn / 3_600_000),
    wrongItemRate: ratio(orders.wrongItemReturns, orders.shippedOrders),
  };
}
