import { DT, scopedEvents } from './events.sql';

/** Which rows each count of docs/kpis.md (Counts) takes. */
const ANSWERED = `type = 'call.connected' AND direction = 'inbound'`;
const ABANDONED = `type = 'call.abandoned'`;
/** No reason is a caller's hang-up: what every v1 sender meant. */
const CALLER_HANGUP = `${ABANDONED} AND reason IN ('', 'caller_hangup')`;
const WRAPPED = `type = 'call.wrapped'`;
const CONFIRMED = `type = 'order.confirmed'`;
const CANCELLED = `type = 'order.cancelled'`;

/** Exported for the order drill-down, which counts the order events as the windows do. */
export const COUNTS = {
  offered: `type = 'call.offered'`,
  answered: ANSWERED,
  answeredInSL: `${ANSWERED} AND wait_ms <= {slThresholdMs:UInt32}`,
  abandoned: ABANDONED,
  shortAbandoned: `${CALLER_HANGUP} AND wait_ms < {shortAbandonMs:UInt32}`,
  abandonedAfterThreshold: `${ABANDONED} AND wait_ms > {slThresholdMs:UInt32}`,
  abandonedCallerHangup: CALLER_HANGUP,
  abandonedTimeout: `${ABANDONED} AND reason = 'timeout'`,
  abandonedKey: `${ABANDONED} AND reason = 'key'`,
  abandonedEmpty: `${ABANDONED} AND reason = 'empty'`,
  abandonedOther: `${ABANDONED} AND reason = 'other'`,
  dialed: `type = 'call.dialed'`,
  connectedOutbound: `type = 'call.connected' AND direction = 'outbound'`,
  // v2: the outcome of a call.failed is stored in the reason column (event-row.ts).
  failedDials: `type = 'call.failed'`,
  wrapped: WRAPPED,
  orders: CONFIRMED,
  cancelledOrders: CANCELLED,
  paidOrders: `type = 'order.paid'`,
  heldOrders: `type = 'order.held'`,
  shippedOrders: `type = 'order.shipped'`,
  returnedOrders: `type = 'order.returned'`,
  wrongItemReturns: `type = 'order.returned' AND reason IN ('wrong_item', 'wrong_variant')`,
  resolvedTrue: `${WRAPPED} AND ifNull(resolved, false)`,
  resolvedKnown: `${WRAPPED} AND resolved IS NOT NULL`,
} as const;

/** The other additive sums: wait of the answered, handle time of the wrapped, revenue. */
const SUMS = {
  waitMs: `sumIf(toUInt64(ifNull(wait_ms, 0)), ${ANSWERED})`,
  handleMs: `sumIf(toUInt64(ifNull(talk_ms, 0)) + ifNull(hold_ms, 0) + ifNull(wrap_ms, 0), ${WRAPPED})`,
  revenue: `sumIf(assumeNotNull(amount), ${CONFIRMED}) - sumIf(assumeNotNull(amount), ${CANCELLED})`,
} as const;

/** Every additive sum's key, in the order `eventSumColumns` gives them (after the segment keys). */
export const SUM_KEYS = [...Object.keys(COUNTS), ...Object.keys(SUMS)];
const KEYS = SUM_KEYS;

/**
 * The additive sums of a group of events, for the inside of a GROUP BY that also groups by
 * `seg_disposition` and `seg_outcome` (SEGMENT_KEYS): a column per count and sum
 * (`seg_<key>`), the disposition and the dial outcome.
 */
export function eventSumColumns(): string[] {
  return [
    `if(type = 'call.wrapped', toString(disposition), '') AS seg_disposition`,
    `if(type = 'call.failed', reason, '') AS seg_outcome`,
    ...Object.entries(COUNTS).map(([key, condition]) => `countIf(${condition}) AS seg_${key}`),
    ...Object.entries(SUMS).map(([key, sql]) => `${sql} AS seg_${key}`),
  ];
}

/** Rolls `eventSumColumns` rows up to `s_<key>` and `s_dispositions` (a Map) per group. */
export function rolledUpSumColumns(): string[] {
  return [
    ...KEYS.map((key) => `sum(seg_${key}) AS s_${key}`),
    `sumMapIf(map(seg_disposition, seg_wrapped), seg_wrapped > 0) AS s_dispositions`,
    `sumMapIf(map(seg_outcome, seg_failedDials), seg_failedDials > 0) AS s_outcomes`,
  ];
}

/** What `eventSumColumns` groups by besides the caller's own keys. */
export const SEGMENT_KEYS = 'seg_disposition, seg_outcome';

/** The columns `eventSumColumns` needs from `events`. */
export const EVENT_SUM_INPUTS = [
  'type',
  'occurred_at',
  'direction',
  'wait_ms',
  'talk_ms',
  'hold_ms',
  'wrap_ms',
  'disposition',
  'reason',
  'resolved',
  'amount',
] as const;

/**
 * Additive sums of the events per span, one row per span that has events (column `win`, the
 * others `s_<key>`): counts, wait and handle time, revenue (exact Decimal: a Decimal sum) and
 * `s_dispositions` (a Map disposition → count). A span is a KPI window or a KGI period, given by
 * its name and the instant its events come strictly after (≤ at comes with every row).
 *
 * The events after the earliest span start are read and deduplicated once. Spans all end at
 * `at`, so their starts cut time into segments: each event is summed into its segment (and, for
 * `call.wrapped`, its disposition), and a span's sums are the sums of the segments from its
 * start on — no event is aggregated twice however many spans overlap.
 *
 * Before the earliest window only the types the KGIs count are read (`{spanTypes}`); the
 * windows need every type. Parameters: `{spanNames:Array(String)}`,
 * `{spanAfters:Array(DateTime64)}`, `{spansFrom}` (the earliest `after`), `{windowsFrom}` (the
 * earliest window `after`), `{spanTypes:Array(String)}`, `{slThresholdMs}`, `{shortAbandonMs}`,
 * plus those of `scopedEvents`.
 */
export function spanSumsSql(database: string, scope: string): string {
  const events = scopedEvents(database, {
    columns: EVENT_SUM_INPUTS,
    prefilter: `occurred_at > {spansFrom:${DT}}
        AND (occurred_at > {windowsFrom:${DT}} OR type IN {spanTypes:Array(String)})`,
    scope,
  });
  return `SELECT
    win,
    ${rolledUpSumColumns().join(',\n    ')}
  FROM (
    SELECT
      arrayCount(b -> occurred_at > b, {spanAfters:Array(${DT})}) AS segment,
      ${eventSumColumns().join(',\n      ')}
    FROM ${events}
    GROUP BY segment, ${SEGMENT_KEYS}
  )
  ARRAY JOIN {spanNames:Array(String)} AS win, {spanAfters:Array(${DT})} AS after
  WHERE segment >= arrayCount(b -> b <= after, {spanAfters:Array(${DT})})
  GROUP BY win`;
}
