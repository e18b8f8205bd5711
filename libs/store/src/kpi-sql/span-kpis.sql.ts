import {
  COUNT_KPIS,
  DIAL_OUTCOMES,
  LIVE_AGENT_STATES,
  RATIO_KPIS,
  type Live,
  type TenantSettings,
  type WindowKpis,
} from '@mieruka/contracts';
import { agentTimeSql } from './agent-time.sql';
import { ratio } from './events.sql';
import { spanSumsSql } from './spans.sql';

type Variant = TenantSettings['serviceLevel']['variant'];

const s = (key: string) => `toInt64(s_${key})`;
const t = (state: string) => `toInt64(t_${state})`;

/** The service-level denominator of each variant (docs/kpis.md, Ratios). */
const SERVICE_LEVEL_DENOMINATOR: Record<Variant, string> = {
  abandons_count: `${s('answered')} + ${s('abandoned')} - ${s('shortAbandoned')}`,
  answered_only: s('answered'),
  abandons_after_threshold: `${s('answered')} + ${s('abandonedAfterThreshold')}`,
};

const BUSY = `${t('on_call')} + ${t('wrap')}`;
const LOGGED_IN = `${BUSY} + ${t('available')} + ${t('not_ready')} + ${t('break')}`;
const COUNTED_ABANDONS = `${s('abandoned')} - ${s('shortAbandoned')}`;
const NET_ORDERS = `${s('orders')} - ${s('cancelledOrders')}`;

/** Every value of docs/kpis.md (Counts, Ratios) from a window's sums and agent-state times. */
export function valueColumns(variant: Variant): Record<keyof WindowKpis, string> {
  const slDenominator = SERVICE_LEVEL_DENOMINATOR[variant];
  if (!slDenominator) throw new Error(`unknown service-level variant ${String(variant)}`);
  return {
    offered: s('offered'),
    answered: s('answered'),
    answeredInSL: s('answeredInSL'),
    abandoned: s('abandoned'),
    shortAbandoned: s('shortAbandoned'),
    abandonedCallerHangup: s('abandonedCallerHangup'),
    abandonedTimeout: s('abandonedTimeout'),
    abandonedKey: s('abandonedKey'),
    abandonedEmpty: s('abandonedEmpty'),
    abandonedOther: s('abandonedOther'),
    dialed: s('dialed'),
    connectedOutbound: s('connectedOutbound'),
    wrapped: s('wrapped'),
    orders: s('orders'),
    cancelledOrders: s('cancelledOrders'),
    netOrders: NET_ORDERS,
    // Exact: the Decimal sum as text, read as the nearest double.
    revenue: `toString(s_revenue)`,
    dispositions: `s_dispositions`,
    paidOrders: s('paidOrders'),
    heldOrders: s('heldOrders'),
    shippedOrders: s('shippedOrders'),
    returnedOrders: s('returnedOrders'),
    wrongItemReturns: s('wrongItemReturns'),
    failedDials: s('failedDials'),
    dialOutcomes: `s_outcomes`,
    serviceLevel: ratio(s('answeredInSL'), slDenominator),
    abandonRate: ratio(COUNTED_ABANDONS, `${s('answered')} + ${COUNTED_ABANDONS}`),
    asaMs: ratio(s('waitMs'), s('answered')),
    ahtMs: ratio(s('handleMs'), s('wrapped')),
    connectRate: ratio(s('connectedOutbound'), s('dialed')),
    conversionRate: ratio(s('orders'), `${s('answered')} + ${s('connectedOutbound')}`),
    aov: ratio(`toFloat64(s_revenue)`, NET_ORDERS),
    fcr: ratio(s('resolvedTrue'), s('resolvedKnown')),
    occupancy: ratio(BUSY, `${BUSY} + ${t('available')}`),
    utilization: ratio(BUSY, LOGGED_IN),
    ordersPerAgentHour: ratio(s('orders'), `(${LOGGED_IN}) / 3600000`),
    wrongItemRate: ratio(s('wrongItemReturns'), s('shippedOrders')),
  };
}

/**
 * Every span in one query, a row each (column `win`): the four windows and the KGI periods. The
 * event sums and the agent-state times are joined to the list of spans (one without events or
 * agent time gets zeros, so its ratios come out NULL) and every value of docs/kpis.md is
 * computed from them; `agents_<state>` carries the live agent counts (on the window rows).
 * Parameters: those of `spanSumsSql` and `agentTimeSql`.
 */
export function spanKpisSql(database: string, scope: string, variant: Variant): string {
  const values = Object.entries(valueColumns(variant)).map(([key, sql]) => `${sql} AS ${key}`);
  const agents = LIVE_AGENT_STATES.map((state) => `toInt64(n_${state}) AS agents_${state}`);
  return `SELECT win, ${[...values, ...agents].join(',\n  ')}
  FROM (SELECT arrayJoin({spanNames:Array(String)}) AS win) AS spans
  LEFT JOIN (${spanSumsSql(database, scope)}) AS sums USING (win)
  LEFT JOIN (${agentTimeSql(database, scope)}) AS agent_time USING (win)
  SETTINGS join_use_nulls = 0`;
}

export type WindowKpisRow = { win: string } & Record<string, unknown>;

const num = (value: unknown): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${String(value)}`);
  return n;
};
const numOrNull = (value: unknown): number | null => (value === null ? null : num(value));

/** A row of `spanKpisSql` as `WindowKpis`: JS integers for counts, numbers or null. */
export function windowKpisFromRow(row: Readonly<Record<string, unknown>>): WindowKpis {
  // The counts are never null, the ratios may be (kpi-catalogue.ts says which is which).
  const counts = Object.fromEntries(COUNT_KPIS.map((k) => [k, num(row[k])])) as Record<
    (typeof COUNT_KPIS)[number],
    number
  >;
  const ratios = Object.fromEntries(RATIO_KPIS.map((k) => [k, numOrNull(row[k])])) as Record<
    (typeof RATIO_KPIS)[number],
    number | null
  >;
  const dispositions: Record<string, number> = {};
  for (const [name, n] of Object.entries((row.dispositions ?? {}) as Record<string, unknown>)) {
    if (num(n) > 0) dispositions[name] = num(n);
  }
  // Each outcome with a call.failed, in the order the live fold prints them, then connected.
  const failed = (row.dialOutcomes ?? {}) as Record<string, unknown>;
  const dialOutcomes: Record<string, number> = {};
  for (const outcome of DIAL_OUTCOMES) {
    if (num(failed[outcome] ?? 0) > 0) dialOutcomes[outcome] = num(failed[outcome]);
  }
  dialOutcomes.connected = counts.connectedOutbound;
  return { ...counts, revenue: num(row.revenue), dispositions, dialOutcomes, ...ratios };
}

/** The live agent counts of a window row of `spanKpisSql`. */
export function liveAgentsFromRow(row: WindowKpisRow): Live['agents'] {
  return Object.fromEntries(
    LIVE_AGENT_STATES.map((state) => [state, num(row[`agents_${state}`])]),
  ) as Live['agents'];
}
