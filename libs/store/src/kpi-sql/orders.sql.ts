import { STUCK_LIST_MAX } from '@mieruka/contracts';
import { ATTRIBUTED, DT, orderAttribution } from './events.sql';

/**
 * The order book of docs/kpis.md at `at`, in SQL: one row per order of the tenant from all its
 * events ≤ at (no time limit: an order paid four days ago and never shipped is still stuck),
 * with the attribution of its first-seen confirmation ≤ at under the scope column names, so the
 * scope filter keeps the orders taken in the scope (what the order's own events name does not
 * matter). Columns: `order_id`, `confirmed` (0/1), `confirmed_at`, `paid_first`, `paid_last`,
 * `paid_n`, `held_n`, `held_at`, `held_reason`, `closed` and the scope columns.
 */
function ordersSql(database: string, scope: string): string {
  return `(
    SELECT * FROM (
      SELECT order_id,
        a_order != '' AS confirmed,
        a_at AS confirmed_at,
        a_agent_id AS agent_id, a_queue AS queue, a_campaign AS campaign, a_team AS team,
        paid_first, paid_last, paid_n, held_n, held.1 AS held_at, held.2 AS held_reason, closed
      FROM (
        SELECT order_id,
          minIf(ms, type = 'order.paid') AS paid_first,
          maxIf(ms, type = 'order.paid') AS paid_last,
          countIf(type = 'order.paid') AS paid_n,
          countIf(type = 'order.held') AS held_n,
          argMaxIf((ms, reason), (ms, id), type = 'order.held') AS held,
          countIf(type IN ('order.shipped', 'order.cancelled')) > 0 AS closed
        FROM (
          SELECT id, type, order_id, reason, toUnixTimestamp64Milli(occurred_at) AS ms
          FROM ${database}.events FINAL
          WHERE tenant = {tenant:String} AND occurred_at <= {at:${DT}}
            AND type IN ('order.confirmed', 'order.cancelled', ${ATTRIBUTED})
        )
        GROUP BY order_id
      ) AS orders
      LEFT JOIN ${orderAttribution(database)} AS attribution ON orders.order_id = attribution.a_order
    )
    WHERE NOT closed AND (confirmed OR paid_n > 0) AND (${scope})
  )`;
}

/** An open order's rule flags, over the columns of `ordersSql`. */
const HELD = `held_n > 0 AND (paid_n = 0 OR held_at > paid_last)`;
const PAID_LATE = `paid_n > 0 AND {atMs:Int64} - paid_first >= {shipWithinMs:Int64}`;
const UNPAID_LATE = `confirmed AND paid_n = 0 AND {atMs:Int64} - confirmed_at >= {payWithinMs:Int64}`;

/**
 * The book's counts in one row: `awaitingPayment`, `paidNotShipped`, `held`, `stuck`,
 * `oldestPaidAt` (epoch ms, NULL when nothing is paid and unshipped). Parameters: `{tenant}`,
 * `{at}`, `{atMs:Int64}`, `{shipWithinMs:Int64}`, `{payWithinMs:Int64}` and the scope's.
 */
export function orderBookSql(database: string, scope: string): string {
  return `SELECT
    toInt64(countIf(confirmed AND paid_n = 0)) AS awaitingPayment,
    toInt64(countIf(paid_n > 0)) AS paidNotShipped,
    toInt64(countIf(${HELD})) AS held,
    toInt64(countIf((${HELD}) OR (${PAID_LATE}) OR (${UNPAID_LATE}))) AS stuck,
    if(countIf(paid_n > 0) > 0, minIf(paid_first, paid_n > 0), NULL) AS oldestPaidAt
  FROM ${ordersSql(database, scope)}`;
}

/**
 * The stuck orders, oldest `since` first (ties by order id), at most STUCK_LIST_MAX: `order_id`,
 * `agent_id` ('' when unattributed), `rule`, `since` (epoch ms), `reason` (the latest hold's
 * when held, else ''). Parameters as `orderBookSql`.
 */
export function stuckListSql(database: string, scope: string): string {
  return `SELECT order_id, agent_id, rule, since, reason FROM (
    SELECT order_id, if(confirmed, agent_id, '') AS agent_id,
      multiIf(${HELD}, 'held', ${PAID_LATE}, 'paid_not_shipped', 'unpaid') AS rule,
      multiIf(rule = 'held', held_at, rule = 'paid_not_shipped', paid_first, confirmed_at) AS since,
      if(rule = 'held', held_reason, '') AS reason
    FROM ${ordersSql(database, scope)}
    WHERE (${HELD}) OR (${PAID_LATE}) OR (${UNPAID_LATE})
  )
  ORDER BY since, order_id
  LIMIT ${STUCK_LIST_MAX}`;
}
