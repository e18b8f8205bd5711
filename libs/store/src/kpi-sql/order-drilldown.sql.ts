import type { OrderDrilldownBy } from '@mieruka/contracts';
import { DT, ratio, scopedEvents } from './events.sql';
import { COUNTS } from './spans.sql';

/** The drill-down's counts, each as the window key of the same name counts it. */
const DRILLDOWN_COUNTS = {
  heldOrders: COUNTS.heldOrders,
  returnedOrders: COUNTS.returnedOrders,
  wrongItemReturns: COUNTS.wrongItemReturns,
  shippedOrders: COUNTS.shippedOrders,
} as const;

/**
 * Each order's items as its first-seen confirmation ≤ at lists them — the confirmation
 * `orderAttribution` takes the agent from (smallest ingest_seq; a stored copy shares its seq) —
 * as distinct (sku, variant) pairs, variant '' when not named: `i_order`, `items`.
 */
function orderItems(database: string): string {
  return `(
    SELECT order_id AS i_order, argMin(items, seq) AS items
    FROM (
      SELECT order_id,
        arrayDistinct(arrayMap(
          x -> (JSONExtractString(x, 'sku'), JSONExtractString(x, 'variant')),
          JSONExtractArrayRaw(payload, 'items')
        )) AS items,
        min(ingest_seq) AS seq
      FROM ${database}.events
      WHERE tenant = {tenant:String} AND type = 'order.confirmed' AND occurred_at <= {at:${DT}}
      GROUP BY id, order_id, payload
    )
    GROUP BY order_id
  )`;
}

/**
 * The order drill-down over [from, to): holds, returns, wrong-item returns and shipments per
 * group, read as every KPI query reads events (`scopedEvents`: deduplicated, attributed to the
 * order's confirmation, scoped), so a group's counts are the window keys of that group's scope.
 * `agent`: the agent who took the order ('' when it has none). `item`: each distinct SKU and
 * variant of the confirmation — an order of two items counts under both, so rows do not add up
 * to the total; '' / '' when its confirmation lists none or it has none. `reason`: holds and
 * returns by their reason (shipments have none). Columns: `grp`, `variant` (item only), the
 * counts, `wrongItemRate`. Parameters: `{tenant}`, `{at}`, `{from:DateTime64}` and the scope's.
 */
export function orderDrilldownSql(database: string, scope: string, by: OrderDrilldownBy): string {
  const types =
    by === 'reason'
      ? `'order.held', 'order.returned'`
      : `'order.held', 'order.returned', 'order.shipped'`;
  const events = scopedEvents(database, {
    columns: ['type', 'order_id', 'reason'],
    prefilter: `occurred_at >= {from:${DT}} AND type IN (${types})`,
    scope,
  });
  const counts = Object.entries(DRILLDOWN_COUNTS).map(
    ([key, condition]) => `toInt64(countIf(${condition})) AS ${key}`,
  );
  const rate =
    by === 'reason'
      ? `NULL AS wrongItemRate`
      : `${ratio('wrongItemReturns', 'shippedOrders')} AS wrongItemRate`;
  const shipped = by === 'reason' ? `NULL AS shippedOrders` : 'shippedOrders';
  const source =
    by === 'item'
      ? `(
        SELECT type, reason, item.1 AS grp, item.2 AS variant
        FROM ${events} AS scoped
        LEFT JOIN ${orderItems(database)} AS confirmed ON scoped.order_id = confirmed.i_order
        ARRAY JOIN if(empty(items), [('', '')], items) AS item
      )`
      : `(SELECT type, reason, ${by === 'agent' ? 'agent_id' : 'reason'} AS grp FROM ${events})`;
  const keys = by === 'item' ? 'grp, variant' : 'grp';
  return `SELECT ${keys}, heldOrders, returnedOrders, wrongItemReturns, ${shipped}, ${rate}
  FROM (SELECT ${keys}, ${counts.join(', ')} FROM ${source} GROUP BY ${keys})
  ORDER BY wrongItemReturns DESC, returnedOrders DESC, heldOrders DESC, ${keys}
  SETTINGS join_use_nulls = 0`;
}
