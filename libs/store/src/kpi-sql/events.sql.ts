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
    FROM ${database}.events FINAL
    WHERE tenant = {tenant:String}
      AND occurred_at <= {at:${DT}}
      AND (${options.prefilter})
      AND (${options.scope})
  )`;
}

/** A SQL ratio that is NULL when the denominator is 0 or below (never NaN or Infinity). */
export function ratio(numerator: string, denominator: string): string {
  return `if((${denominator}) > 0, (${numerator}) / (${denominator}), NULL)`;
}
