import type { Live } from '@mieruka/contracts';
import { LOST_AFTER_MS } from '@mieruka/kpi';
import { DT, scopedEvents } from './events.sql';

/**
 * The live queue at `at` (docs/kpis.md, Live): one row, `in_queue` and `longest_wait_ms`
 * (NULL when nobody waits). The candidates are the calls with a `call.offered` in
 * (at − 4 h, at]; for those, all their offered/connected/abandoned events up to `at` — of any
 * age: an answer may be stamped before its offer — are read in scope, and a call waits when it
 * has an inbound offer, no connect and no abandon, and its first offer is less than 4 hours old.
 * (The live agents come with the agent timeline, see `agentTimeSql`.)
 * Parameters: `{atMs:Int64}`, `{queueFrom:DateTime64}` (at − 4 h), plus those of
 * `scopedEvents`.
 */
export function liveQueueSql(database: string, scope: string): string {
  const calls = scopedEvents(database, {
    columns: ['type', 'occurred_at', 'call_id', 'direction'],
    prefilter: `type IN ('call.offered', 'call.connected', 'call.abandoned')
        AND call_id IN (
          SELECT call_id FROM ${database}.events
          WHERE tenant = {tenant:String} AND type = 'call.offered'
            AND occurred_at > {queueFrom:${DT}} AND occurred_at <= {at:${DT}}
        )`,
    scope,
  });
  return `SELECT count() AS in_queue, maxOrNull({atMs:Int64} - offered_ms) AS longest_wait_ms
  FROM (
    SELECT
      call_id,
      minIf(toUnixTimestamp64Milli(occurred_at), type = 'call.offered' AND direction = 'inbound')
        AS offered_ms,
      countIf(type = 'call.offered' AND direction = 'inbound') AS offers,
      countIf(type IN ('call.connected', 'call.abandoned')) AS ends
    FROM ${calls}
    GROUP BY call_id
    HAVING offers > 0 AND ends = 0 AND offered_ms > {atMs:Int64} - ${LOST_AFTER_MS}
  )`;
}

export interface LiveQueueRow {
  readonly in_queue: number;
  readonly longest_wait_ms: number | null;
}

export function liveQueueFromRow(row: LiveQueueRow): Omit<Live, 'agents'> {
  return {
    inQueue: Number(row.in_queue),
    longestWaitMs: row.longest_wait_ms === null ? null : Number(row.longest_wait_ms),
  };
}
