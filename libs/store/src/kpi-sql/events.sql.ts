/** DateTime64 as stored in `events.occurred_at`, for query parameters. */
export const DT = `DateTime64(3, 'UTC')`;

/**
 * The one way every KPI query reads events, as a subquery for FROM: the tenant's rows that
 * exist at `at` (occurred_at ≤ at), each event once, then the scope filter.
 *
 * "Once" comes from the table: a ReplacingMergeTree sorted by (tenant, occurred_at, id), read
 * with FINAL, collapses rows with the same key. Every copy of an id that can be stored is the
 * same event — ingest stores the first copy of an id and answers `duplicate` for later ones,
 * so only a retried or redelivered insert stores it again, with identical content — and so
 * shares the key. (A second copy with another timestamp would survive; no writer makes one.)
 * `prefilter` narrows the rows read (a time range, a type).
 *
 * v2: `order.paid`, `order.held`, `order.shipped` and `order.returned` take their queue,
 * campaign, team and agent_id from their order's confirmation (`orderAttribution`), or none
 * (the tenant scope only) when it has none ≤ at; what they carry themselves is ignored.
 * `unattributed` skips that (and reading every confirmation of the tenant) where it changes
 * nothing: the prefilter admits none of those types (agent states), or the scope keeps every
 * event and the caller reads no scope column (the whole tenant grouped by time).
 * Parameters: `{tenant:String}`, `{at:DateTime64(3,'UTC')}` and those of `prefilter` and `scope`.
 */
export function scopedEvents(
  database: string,
  options: {
    readonly columns: readonly string[];
    readonly prefilter: string;
    readonly scope: string;
    readonly unattributed?: boolean;
  },
): string {
  const own = [...new Set(['id', 'type', 'order_id', ...options.columns])].filter(
    (c) => !(SCOPE_COLUMNS as readonly string[]).includes(c),
  );
  // Unattributed, each row keeps its own scope columns and nothing joins the confirmations.
  const scopeOf = options.unattributed
    ? (c: string) => `own_${c} AS ${c}`
    : (c: string) => `if(attributed, a_${c}, own_${c}) AS ${c}`;
  const attribution = options.unattributed
    ? ''
    : `LEFT JOIN ${orderAttribution(database)} AS attribution ON own.order_id = attribution.a_order`;
  return `(
    SELECT ${[...new Set(['id', ...options.columns, ...SCOPE_COLUMNS])].join(', ')}
    FROM (
      SELECT ${own.join(', ')},
        ${SCOPE_COLUMNS.map(scopeOf).join(',\n        ')}
      FROM (
        SELECT ${own.join(', ')},
          ${SCOPE_COLUMNS.map((c) => `toString(${c}) AS own_${c}`).join(', ')},
          type IN (${ATTRIBUTED}) AS attributed
        FROM ${database}.events FINAL
        WHERE tenant = {tenant:String}
          AND occurred_at <= {at:${DT}}
          AND (${options.prefilter})
      ) AS own
      ${attribution}
    )
    WHERE ${options.scope}
  )`;
}

/** The columns a scope filters on (scope.sql.ts) and a breakdown groups by. */
const SCOPE_COLUMNS = ['queue', 'campaign', 'team', 'agent_id'] as const;

/** The order types that count where their order was taken (docs/kpis.md, Orders). */
export const ATTRIBUTED = `'order.paid', 'order.held', 'order.shipped', 'order.returned'`;

/**
 * Where each order of the tenant was taken, as at `at`: per `order_id`, the agent, queue,
 * campaign and team (`a_agent_id`, `a_queue`, …) and time (`a_at`, epoch ms) of its first-seen
 * `order.confirmed` with occurred_at ≤ at — whenever that is relative to the event counted.
 * "First seen" is the smallest `ingest_seq` (arrival order). A stored copy of an id carries its
 * first copy's sequence (only a retried insert stores one, re-sending the rows encoded once), so
 * whichever copy a merge keeps gives the same answer. Every confirmation of the tenant is read,
 * however old: a return weeks later still finds the order's agent.
 */
export function orderAttribution(database: string): string {
  return `(
    SELECT order_id AS a_order,
      argMin(agent_id, seq) AS a_agent_id,
      argMin(queue, seq) AS a_queue,
      argMin(campaign, seq) AS a_campaign,
      argMin(team, seq) AS a_team,
      argMin(ms, seq) AS a_at
    FROM (
      SELECT order_id, agent_id, toString(queue) AS queue, toString(campaign) AS campaign,
        toString(team) AS team, toUnixTimestamp64Milli(occurred_at) AS ms,
        min(ingest_seq) AS seq
      FROM ${database}.events
      WHERE tenant = {tenant:String} AND type = 'order.confirmed' AND occurred_at <= {at:${DT}}
      GROUP BY id, order_id, agent_id, queue, campaign, team, occurred_at
    )
    GROUP BY order_id
  )`;
}

/** A SQL ratio that is NULL when the denominator is 0 or below (never NaN or Infinity). */
export function ratio(numerator: string, denominator: string): string {
  return `if((${denominator}) > 0, (${numerator}) / (${denominator}), NULL)`;
}
