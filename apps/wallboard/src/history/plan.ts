import type { KgiProgress, KpiHistory, KpiHistoryRow } from '@mieruka/contracts';
import type { HistoryRequest } from '../api/kpis';
import type { HistoryKpi } from '../kpi/kpi-keys';
import { isoInZone, resolveRange, type Anchor } from './range';
import type { HistoryView } from './view';

/**
 * What the drill-down asks the API for a view, and how the answers combine: pure, so the
 * page's loading is a few awaits around it. The range is resolved on the server's today (its
 * answer for today's day row), never on the browser's clock.
 */

/** Lines drawn at most on the chart (the scope's own and its top breakdown values). */
export const MAX_LINES = 6;

/** The orders drill-down's request: the page's range and scope, no time bucket. */
export type OrdersRequest = Omit<HistoryRequest, 'groupBy'>;

/** Every request of a view once its range is known. */
export interface HistoryPlan {
  /** The range as the API takes it: RFC 3339 with the tenant's offset. */
  readonly span: { readonly from: string; readonly to: string };
  /** The chart over time: the scope by the view's bucket. */
  readonly line: HistoryRequest;
  /** The bar chart by the chosen dimension; null for no breakdown. */
  readonly breakdown: HistoryRequest | null;
  /** The weekday × hour map. */
  readonly week: HistoryRequest;
  readonly agents: HistoryRequest;
  readonly orders: OrdersRequest;
}

/** The first request: today's one day row, whose range is the server's midnight and now. */
export function todayRequest(tenant: string, view: Pick<HistoryView, 'scope'>): HistoryRequest {
  return { tenant, scope: view.scope, groupBy: 'day' };
}

/** The server's today from its answer to `todayRequest`, in the tenant's zone. */
export function anchorOf(today: Pick<KpiHistory, 'from' | 'to'>, timeZone: string): Anchor {
  return { midnight: Date.parse(today.from), now: Date.parse(today.to) - 1, timeZone };
}

export function planHistory(view: HistoryView, tenant: string, anchor: Anchor): HistoryPlan {
  const range = resolveRange(view.range, anchor, { from: view.from, to: view.to });
  const span = {
    from: isoInZone(range.from, anchor.timeZone),
    to: isoInZone(range.to, anchor.timeZone),
  };
  const request = (groupBy: string): HistoryRequest => ({
    tenant,
    scope: view.scope,
    groupBy,
    ...span,
  });
  return {
    span,
    line: request(view.by),
    breakdown: view.breakdown === 'none' ? null : request(view.breakdown),
    week: request('weekdayHour'),
    agents: request('agent'),
    orders: { tenant, scope: view.scope, ...span },
  };
}

/** The breakdown values worth a line: the highest by the KPI over the range, no empty ones. */
export function topBreakdownKeys(
  rows: readonly KpiHistoryRow[],
  kpi: HistoryKpi,
  max = MAX_LINES - 1,
): string[] {
  return rows
    .filter((row) => row.kpis[kpi] !== null)
    .sort((a, b) => (b.kpis[kpi] ?? 0) - (a.kpis[kpi] ?? 0))
    .slice(0, max)
    .map((row) => row.key);
}

/** One breakdown value's line: the chart's request narrowed to that value's scope. */
export function breakdownLineRequest(
  plan: HistoryPlan,
  view: HistoryView,
  key: string,
): HistoryRequest {
  return { ...plan.line, scope: `${view.breakdown}:${key}` };
}

/** A KGI's path so far: the scope's days from the start of the KGI's period to the server's now. */
export function kgiDaysRequest(
  kgi: Pick<KgiProgress, 'periodStart'>,
  tenant: string,
  view: Pick<HistoryView, 'scope'>,
  anchor: Anchor,
): HistoryRequest {
  return {
    tenant,
    scope: view.scope,
    groupBy: 'day',
    from: kgi.periodStart,
    to: isoInZone(anchor.now + 1, anchor.timeZone),
  };
}
