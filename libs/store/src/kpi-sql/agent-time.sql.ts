import { LIVE_AGENT_STATES } from '@mieruka/contracts';
import { stateIntervals } from './agent-states.sql';

/**
 * The agents' state timeline (docs/kpis.md, Occupancy and Live), one row per window with some
 * agent time: `win`, `t_<state>` — milliseconds agents spent in the state within the window —
 * and `n_<state>` — how many agents are in the state at `at` (the same on every row).
 *
 * The intervals come from `stateIntervals` (the latest one per agent is its live state), each
 * clipped to [window start, at]: a state that began before a window (yesterday evening)
 * carries its remaining part in. Parameters: `{windowNames:Array(String)}`,
 * `{windowStarts:Array(Int64)}` (epoch ms), `{atMs:Int64}`, `{agentFrom:Int64}` (the earliest
 * window start), plus those of `scopedEvents`.
 */
export function agentTimeSql(database: string, scope: string): string {
  const intervals = stateIntervals(database, {
    scope,
    sinceMs: '{agentFrom:Int64}',
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
    FROM ${intervals}
    ARRAY JOIN {windowNames:Array(String)} AS win, {windowStarts:Array(Int64)} AS start
  )
  GROUP BY win`;
}
