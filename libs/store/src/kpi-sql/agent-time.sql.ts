import { LIVE_AGENT_STATES } from '@mieruka/contracts';
import { timelineStates } from './agent-states.sql';

const COUNTED_STATES = LIVE_AGENT_STATES.map((s) => `'${s}'`).join(', ');

/**
 * The agents' state timeline (docs/kpis.md, Occupancy and Live), one row per window with some
 * agent time: `win`, `t_<state>` — milliseconds agents spent in the state within the window —
 * and `n_<state>` — how many agents are in the state at `at` (the same on every row).
 *
 * Each agent's `agent.state` events (in scope) are ordered by (occurred_at, id); a state lasts
 * from its event to the agent's next one (`leadInFrame` over an explicit one-row-ahead frame —
 * the default frame would end at the current row), or to `at` for the latest one, which is also
 * the agent's live state. Every interval is clipped to [window start, at]. The states from the
 * earliest window start on are read, with each agent's latest one before it, so a state that
 * began before a window (yesterday evening) carries its remaining part in; time before an agent's first state counts nowhere, and neither does
 * `logged_out`. Parameters: `{windowNames:Array(String)}`, `{windowStarts:Array(Int64)}` (epoch
 * ms), `{atMs:Int64}`, `{agentFrom:Int64}` (the earliest window start), plus those of
 * `scopedEvents`.
 */
export function agentTimeSql(database: string, scope: string): string {
  const events = timelineStates(database, {
    scope,
    since: `fromUnixTimestamp64Milli({agentFrom:Int64}, 'UTC')`,
    perTeam: false,
  });
  const sums = LIVE_AGENT_STATES.flatMap((state) => [
    `sumIf(ms, state = '${state}') AS t_${state}`,
    `countIf(latest AND state = '${state}') AS n_${state}`,
  ]);
  return `SELECT
    win,
    ${sums.join(',\n    ')}
  FROM (
    SELECT state, latest, win, greatest(0, least(e, {atMs:Int64}) - greatest(s, start)) AS ms
    FROM (
      SELECT state, s, next IS NULL AS latest, ifNull(next, {atMs:Int64}) AS e
      FROM (
        SELECT
          state,
          toUnixTimestamp64Milli(occurred_at) AS s,
          leadInFrame(toNullable(toUnixTimestamp64Milli(occurred_at))) OVER (
            PARTITION BY agent_id ORDER BY occurred_at, id
            ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING
          ) AS next
        FROM ${events}
      )
      WHERE e > {agentFrom:Int64} AND state IN (${COUNTED_STATES})
    )
    ARRAY JOIN {windowNames:Array(String)} AS win, {windowStarts:Array(Int64)} AS start
  )
  GROUP BY win`;
}
