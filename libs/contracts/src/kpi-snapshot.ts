import { z } from 'zod';

/**
 * The KPI snapshot (docs/kpis.md): what `mieruka kpi` prints, what `/api/v1/live` answers and
 * what the wallboard draws. Both engines — the live fold and the SQL path — produce it.
 */

const count = z.number().int();
const ratio = z.number().nullable();

export const windowKpisSchema = z.object({
  offered: count,
  answered: count,
  answeredInSL: count,
  abandoned: count,
  shortAbandoned: count,
  abandonedCallerHangup: count,
  abandonedTimeout: count,
  abandonedKey: count,
  abandonedEmpty: count,
  abandonedOther: count,
  dialed: count,
  connectedOutbound: count,
  wrapped: count,
  orders: count,
  cancelledOrders: count,
  netOrders: count,
  revenue: z.number(),
  dispositions: z.record(z.string(), count),
  // v2, the order's way after the call: counted at the event's own time, in the scope of the
  // order's order.confirmed (docs/kpis.md, Orders).
  paidOrders: count,
  heldOrders: count,
  shippedOrders: count,
  returnedOrders: count,
  wrongItemReturns: count,
  // v2, the outbound floor: dials that did not connect, and how every dial ended — each
  // outcome with a call.failed, plus `connected` (= connectedOutbound), always present.
  failedDials: count,
  dialOutcomes: z.record(z.string(), count),
  serviceLevel: ratio,
  abandonRate: ratio,
  asaMs: ratio,
  ahtMs: ratio,
  connectRate: ratio,
  conversionRate: ratio,
  aov: ratio,
  fcr: ratio,
  occupancy: ratio,
  utilization: ratio,
  ordersPerAgentHour: ratio,
  wrongItemRate: ratio,
});
export type WindowKpis = z.output<typeof windowKpisSchema>;

export const WINDOWS = ['today', 'interval', 'rolling15', 'rolling60'] as const;
export type WindowName = (typeof WINDOWS)[number];

// Zod-free, so the wallboard can bundle it: values.ts.
export { LIVE_AGENT_STATES, type LiveAgentState } from './values';

export const liveSchema = z.object({
  inQueue: count,
  longestWaitMs: z.number().nullable(),
  agents: z.object({
    available: count,
    on_call: count,
    wrap: count,
    not_ready: count,
    break: count,
  }),
});
export type Live = z.output<typeof liveSchema>;

/** Why an order is stuck, the first that applies (docs/kpis.md, The order book). */
export const STUCK_RULES = ['held', 'paid_not_shipped', 'unpaid'] as const;
export type StuckRule = (typeof STUCK_RULES)[number];

/** At most this many stuck orders are listed, oldest first. */
export const STUCK_LIST_MAX = 20;

export const stuckOrderSchema = z.object({
  orderId: z.string(),
  /** The agent of the order's order.confirmed; null when none is known. */
  agentId: z.string().nullable(),
  rule: z.enum(STUCK_RULES),
  /** When the rule's clock started, ISO with the tenant's offset. */
  since: z.string(),
  /** The latest hold's reason when the rule is `held`, else null. */
  reason: z.string().nullable(),
});
export type StuckOrder = z.output<typeof stuckOrderSchema>;

/** The live order book at `at` (v2): open orders by where they stand. */
export const orderBookSchema = z.object({
  awaitingPayment: count,
  paidNotShipped: count,
  held: count,
  stuck: count,
  oldestPaidNotShippedMs: z.number().nullable(),
  stuckList: z.array(stuckOrderSchema),
});
export type OrderBook = z.output<typeof orderBookSchema>;

/**
 * One outbound list (名簿) at `at` (v2, docs/kpis.md, Outbound lists): over its whole life up
 * to `at`, not a window. `progress` is 作業数 / 登録数.
 */
export const listProgressSchema = z.object({
  listId: z.string(),
  /** From the first-seen `list.loaded`. */
  campaign: z.string(),
  /** Entries registered: the sum of its loads' counts (登録数). */
  registered: count,
  /** Distinct entries dialled at least once (作業数). */
  worked: count,
  /** Dials of the list. */
  attempts: count,
  /** Distinct entries with an outbound connect. */
  contacted: count,
  /** worked / registered. */
  progress: ratio,
  /** contacted / worked. */
  contactRate: ratio,
  /** max(registered − worked, 0). */
  remaining: count,
});
export type ListProgress = z.output<typeof listProgressSchema>;

export const KGI_STATUSES = ['achieved', 'not_started', 'ahead', 'on_track', 'behind'] as const;

export const kgiProgressSchema = z.object({
  id: z.string(),
  name: z.object({ en: z.string().optional(), ja: z.string().optional() }).optional(),
  metric: z.string(),
  /** v2: a KGI of one scope (`team:blue`) counts only that scope's events; absent: the tenant's. */
  scope: z.string().optional(),
  target: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  actual: z.number(),
  progress: z.number(),
  expectedFraction: ratio,
  pace: ratio,
  projected: ratio,
  remainingWorkingDays: z.number(),
  requiredPerWorkingDay: ratio,
  status: z.enum(KGI_STATUSES),
});
export type KgiProgress = z.output<typeof kgiProgressSchema>;

export const SCOPE_DIMENSIONS = ['queue', 'campaign', 'team', 'agent'] as const;
export type ScopeDimension = (typeof SCOPE_DIMENSIONS)[number];

/** `tenant`, or `queue:support`, `campaign:teleapo-smb`, `team:blue`, `agent:a-7`. */
export const scopeSchema = z.union([
  z.literal('tenant'),
  z
    .string()
    .regex(
      /^(queue|campaign|team|agent):.{1,128}$/,
      'must be tenant or DIMENSION:VALUE with DIMENSION one of queue, campaign, team, agent',
    ),
]);
export type Scope = z.output<typeof scopeSchema>;

export const ingestCountsSchema = z.object({
  accepted: count,
  duplicates: count,
  rejected: count,
});

export const kpiSnapshotSchema = z.object({
  /** The moment computed for, in the tenant's local offset. */
  at: z.string(),
  tenant: z.string(),
  scope: scopeSchema,
  windows: z.object({
    today: windowKpisSchema,
    interval: windowKpisSchema,
    rolling15: windowKpisSchema,
    rolling60: windowKpisSchema,
  }),
  live: liveSchema,
  orders: orderBookSchema,
  /** v2: the scope's outbound lists, by listId (tenant and campaign scopes; others none). */
  lists: z.array(listProgressSchema),
  kgis: z.array(kgiProgressSchema),
  /** Only in `mieruka kpi`: how the input lines were taken. */
  ingest: ingestCountsSchema.optional(),
});
export type KpiSnapshot = z.output<typeof kpiSnapshotSchema>;

/** Splits `queue:support` into its dimension and value; `tenant` has none. */
export function parseScope(scope: Scope): { dimension: ScopeDimension; value: string } | undefined {
  if (scope === 'tenant') return undefined;
  const colon = scope.indexOf(':');
  return { dimension: scope.slice(0, colon) as ScopeDimension, value: scope.slice(colon + 1) };
}
