/** DateTime64 as stored in `events.occurred_at`, for query parameters. */
export const DT = `DateTime64(3, 'UTC')`;

/**
 * The one way every KPI query reads events, as a subquery for FROM: the tenant's rows that
 * exist at `at` (occurred_at ≤ at), the first row per id by arrival (`ingest_seq`) — so an id
 * stored twice by racing writers still counts once, with the first copy's content — and then
 * the scope filter (applied after deduplication, so a later copy never stands in for the first).
 *
 * `prefilter` narrows the rows before deduplication (a time range, a type) so a snapshot does
 * not sort the tenant's whole history. Deduplication is therefore exact among the rows a query
 * reads: copies of an id are the same event (a retried or redelivered insert) and fall on the
 * same side of every bound; only two copies with different timestamps or types on either side
 * of a bound (which no racing writer produces) would escape it. Likewise ids are deduplicated
 * per tenant, as only that tenant's rows are read.
 * Parameters: `{tenant:String}`, `{at:DateTime64(3,'UTC')}` and those of `prefilter` and `scope`.
 */
export function scopedEvents(
  database: string,
  options: {
    readonly columns: readonly string[];
    readonly prefilter: string;
    readonly scope: string;
  },
): string {
  const columns = [
    ...new Set(['id', ...options.columns, 'queue', 'campaign', 'team', 'agent_id']),
  ].join(', ');
  return `(
    SELECT ${columns}
    FROM (
      SELECT ${columns}
      FROM ${database}.events
      WHERE tenant = {tenant:String}
        AND occurred_at <= {at:${DT}}
        AND (${options.prefilter})
      ORDER BY ingest_seq
      LIMIT 1 BY id
    )
    WHERE ${options.scope}
  )`;
}

/** A SQL ratio that is NULL when the denominator is 0 or below (never NaN or Infinity). */
export function ratio(numerator: string, denominator: string): string {
  return `if((${denominator}) > 0, (${numerator}) / (${denominator}), NULL)`;
}
