import { DT } from './events.sql';

/**
 * The outbound lists of docs/kpis.md (Outbound lists) at `at`, in SQL: one row per list with a
 * `list.loaded` ≤ at — `list_id`, `campaign` (of its first-seen load: the smallest
 * `ingest_seq`, arrival order), `registered` (the loads' counts), `attempts` (its dials),
 * `worked` / `contacted` (distinct entry ids dialled / connected outbound; exact, uniqExact) —
 * over the list's whole life up to `at`, sorted by list id. The list fields are read from the
 * stored event (`payload`), and only from the rows of the three types that carry them.
 * `campaignFilter` keeps the lists of one campaign (`campaign = {scopeValue:String}`) or all
 * (`1`). Parameters: `{tenant:String}`, `{at:DateTime64}` and the filter's.
 */
export function listsSql(database: string, campaignFilter: string): string {
  return `SELECT list_id, campaign, toInt64(registered) AS registered,
      toInt64(attempts) AS attempts, toInt64(worked) AS worked, toInt64(contacted) AS contacted
    FROM (
      SELECT list_id, argMin(campaign, seq) AS campaign, sum(n) AS registered
      FROM (
        SELECT id, JSONExtractString(payload, 'listId') AS list_id,
          toString(campaign) AS campaign, JSONExtractInt(payload, 'count') AS n,
          min(ingest_seq) AS seq
        FROM ${database}.events
        WHERE tenant = {tenant:String} AND type = 'list.loaded' AND occurred_at <= {at:${DT}}
        GROUP BY id, list_id, campaign, n
      )
      GROUP BY list_id
    ) AS loads
    LEFT JOIN (
      SELECT list_id,
        countIf(type = 'call.dialed') AS attempts,
        uniqExactIf(entry_id, type = 'call.dialed' AND entry_id != '') AS worked,
        uniqExactIf(entry_id, type = 'call.connected' AND entry_id != '') AS contacted
      FROM (
        SELECT type, JSONExtractString(payload, 'listId') AS list_id,
          JSONExtractString(payload, 'entryId') AS entry_id
        FROM ${database}.events FINAL
        WHERE tenant = {tenant:String} AND occurred_at <= {at:${DT}}
          AND (type = 'call.dialed' OR (type = 'call.connected' AND direction = 'outbound'))
      )
      WHERE list_id != ''
      GROUP BY list_id
    ) AS work USING (list_id)
    WHERE ${campaignFilter}
    ORDER BY list_id
    SETTINGS join_use_nulls = 0`;
}
