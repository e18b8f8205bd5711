import { LIVE_AGENT_STATES } from '@mieruka/contracts';
import { scopedEvents } from './events.sql';

export const COUNTED_STATES = LIVE_AGENT_STATES.map((s) => `'${s}'`).join(', ');

/**
 * The state each agent — or each agent and team, for timelines cut per team — carries into a
 * timeline from `since` on: its latest `agent.state` event in scope before `since`, as columns
 * agent_id, carried_team and carried = (occurred_at, id, state). It is the latest of
 * `agent_state_hours` (each agent's latest state per hour, per scope columns, kept by
 * ClickHouse: migration 14) before since's hour, and of the events of since's hour before it:
 * a timeline reads an hour row per agent, not the whole history. Ties go to the greater id, as
 * the timeline orders them.
 */
export function carriedStates(
  database: string,
  options: { readonly scope: string; readonly since: string; readonly perTeam: boolean },
): string {
  const { scope, since, perTeam } = options;
  const sinceHour = `toStartOfHour(${since})`;
  const hourStart = scopedEvents(database, {
    columns: ['occurred_at', 'state'],
    prefilter: `type = 'agent.state' AND occurred_at >= ${sinceHour} AND occurred_at < ${since}`,
    scope,
    unattributed: true,
  });
  const hours = `(
    SELECT agent_id, team, queue, campaign, argMaxMerge(latest) AS latest
    FROM ${database}.agent_state_hours
    WHERE tenant = {tenant:String} AND hour < ${sinceHour}
    GROUP BY agent_id, team, queue, campaign
  )`;
  const key = `(tupleElement(latest, 1), tupleElement(latest, 2))`;
  return `(
    SELECT agent_id, ${perTeam ? 'team' : `argMax(team, ${key})`} AS carried_team,
      argMax(latest, ${key}) AS carried
    FROM (
      SELECT agent_id, team, latest FROM ${hours} WHERE ${scope}
      UNION ALL
      SELECT agent_id, team, (occurred_at, id, toString(state)) FROM ${hourStart}
    )
    GROUP BY agent_id${perTeam ? ', team' : ''}
  )`;
}

/**
 * The `agent.state` events a timeline from `since` on needs (columns id, occurred_at, state,
 * team, agent_id): those at or after `since`, and the one each agent carries into the range
 * (`carriedStates`).
 */
function timelineStates(
  database: string,
  options: { readonly scope: string; readonly since: string; readonly perTeam: boolean },
): string {
  const { scope, since } = options;
  const recent = scopedEvents(database, {
    columns: ['occurred_at', 'state'],
    prefilter: `type = 'agent.state' AND occurred_at >= ${since}`,
    scope,
    unattributed: true,
  });
  return `(
    SELECT id, occurred_at, state, team, agent_id FROM ${recent}
    UNION ALL
    SELECT tupleElement(carried, 2), tupleElement(carried, 1), tupleElement(carried, 3),
      carried_team, agent_id
    FROM ${carriedStates(database, options)}
  )`;
}

/**
 * The agents' state intervals (docs/kpis.md, Occupancy) that reach past `sinceMs`, as a
 * subquery for FROM with columns state, s and e (epoch ms: the interval is [s, e)), latest (no
 * later state: e is `{atMs:Int64}`, and the state is the agent's live one), agent_id, team.
 *
 * Each agent's `agent.state` events in scope — per agent and team when `perTeam`, as a team
 * scope sees only its own — are ordered by (occurred_at, id); a state lasts to the next one
 * (`leadInFrame` over an explicit one-row-ahead frame: the default frame would end at the
 * current row), or to `at` for the latest. Time before an agent's first state counts nowhere,
 * and neither does `logged_out`. `sinceMs` is SQL for an Int64 epoch ms (a query parameter).
 * Parameters: `{atMs:Int64}` and those of `scopedEvents`.
 */
export function stateIntervals(
  database: string,
  options: { readonly scope: string; readonly sinceMs: string; readonly perTeam: boolean },
): string {
  const { scope, sinceMs, perTeam } = options;
  const states = timelineStates(database, {
    scope,
    since: `fromUnixTimestamp64Milli(${sinceMs}, 'UTC')`,
    perTeam,
  });
  return `(
    SELECT state, s, next IS NULL AS latest, ifNull(next, {atMs:Int64}) AS e, agent_id, team
    FROM (
      SELECT state, agent_id, team, toUnixTimestamp64Milli(occurred_at) AS s,
        leadInFrame(toNullable(toUnixTimestamp64Milli(occurred_at))) OVER (
          PARTITION BY agent_id${perTeam ? ', team' : ''} ORDER BY occurred_at, id
          ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING
        ) AS next
      FROM ${states}
    )
    WHERE e > ${sinceMs} AND state IN (${COUNTED_STATES})
  )`;
}
