import { LIVE_AGENT_STATES } from '@mieruka/contracts';
import { COUNTED_STATES, carriedStates, stateIntervals } from './agent-states.sql';
import { DT } from './events.sql';
import { ROLLUP_BUCKET_MS, storedRowsSql } from './rollup.sql';

const Q = ROLLUP_BUCKET_MS;

/** The rollup rows that hold a build's carry fingerprints (`carry`), one per quarter-hour edge. */
export const CARRY_DIM = '#carry';

/** The agent-time columns of `rollup_agent_time`: time in each state, and crossings. */
export const AGENT_TIME_COLUMNS = LIVE_AGENT_STATES.flatMap((state) => [
  `t_${state}`,
  `x_${state}`,
]);

/**
 * What an agent's state before an instant contributes to the carry fingerprint: its counted
 * state, per agent in the tenant's timeline ('' cut) and per agent and team in the timelines
 * cut per team. The fingerprint of an edge b is the sum over agents of this hash for the
 * latest state event before b: what every quarter hour from b on takes from before it.
 */
const tenantHash = (agent: string, state: string) => `cityHash64('', ${agent}, ${state})`;
const teamHash = (agent: string, team: string, state: string) =>
  `cityHash64('team', ${agent}, ${team}, ${state})`;

/**
 * Builds the agent-time rollup of the quarter hours in [B, E) (`{buildFromMs:Int64}`,
 * `{buildToMs:Int64}`, both on the grid) as build `{build:UUID}`, from the timelines of
 * docs/kpis.md (Occupancy) read as the history reads them (`stateIntervals`: deduplicated,
 * carried in), up to `{at}` = E. Per quarter hour q and dimension ('' the tenant, agent, team):
 *
 * - `t_<state>`: the milliseconds of [q, q + 15 min) agents spent in the state;
 * - `x_<state>`: how many of those intervals reach past q's end (a history bucket ending with
 *   q shows each 1 ms short: it is cut at its last millisecond, history.sql.ts).
 *
 * And per quarter-hour edge b in [B, E], a `CARRY_DIM` row whose `carry` is the fingerprint of
 * the agents' states before b: the build of q is exact for as long as the events of q and
 * that fingerprint at q's start are unchanged (agent-time-rollups.ts). Parameters: `{tenant}`,
 * `{at}`, `{atMs}`, `{build}`, `{buildFromMs}`, `{buildToMs}`.
 */
export function buildAgentTimeSql(database: string): string {
  // Since 1 ms before B: an interval that ends exactly at B still holds the state before B.
  const since = '{buildFromMs:Int64} - 1';
  const tenantCut = stateIntervals(database, { scope: '1', sinceMs: since, perTeam: false });
  const teamCut = stateIntervals(database, { scope: '1', sinceMs: since, perTeam: true });
  const quarters = `range(intDiv(greatest(s, {buildFromMs:Int64}), ${Q}), intDiv(least(e, {buildToMs:Int64}) - 1, ${Q}) + 1)`;
  // Edges b (as b / Q) in [B, E] with s < b ≤ e: this interval's state is the latest before b.
  const edges = `range(greatest(intDiv(s, ${Q}) + 1, intDiv({buildFromMs:Int64}, ${Q})), least(intDiv(e, ${Q}), intDiv({buildToMs:Int64}, ${Q})) + 1)`;
  const sums = LIVE_AGENT_STATES.flatMap((state) => [
    `sumIf(ms, NOT edge AND state = '${state}') AS t_${state}`,
    `toUInt32(countIf(NOT edge AND crosses AND state = '${state}')) AS x_${state}`,
  ]);
  return `INSERT INTO ${database}.rollup_agent_time
    (tenant, dim, value, bucket, build, carry, ${AGENT_TIME_COLUMNS.join(', ')})
  SELECT {tenant:String}, dim, value, fromUnixTimestamp64Milli(k * ${Q}, 'UTC') AS bucket,
    {build:UUID}, sumIf(h, edge) AS carry,
    ${sums.join(',\n    ')}
  FROM (
    SELECT state, h, tupleElement(piece, 1) AS edge, tupleElement(piece, 2) AS k,
      tupleElement(piece, 3) AS dim, tupleElement(piece, 4) AS value,
      least(e, (k + 1) * ${Q}) - greatest(s, k * ${Q}) AS ms, e >= (k + 1) * ${Q} AS crosses
    FROM (
      SELECT toString(state) AS state, s, e, ${tenantHash('agent_id', 'toString(state)')} AS h,
        [('', ''), ('agent', agent_id)] AS dims
      FROM ${tenantCut}
      UNION ALL
      SELECT toString(state), s, e, ${teamHash('agent_id', 'toString(team)', 'toString(state)')},
        [('team', toString(team))]
      FROM ${teamCut} WHERE team != ''
    )
    ARRAY JOIN arrayConcat(
      arrayFlatten(arrayMap(dv -> arrayMap(q -> (false, q, dv.1, dv.2), ${quarters}), dims)),
      arrayMap(b -> (true, b, '${CARRY_DIM}', ''), ${edges})
    ) AS piece
    WHERE dim IN ('', '${CARRY_DIM}') OR value != ''
  )
  GROUP BY dim, value, k`;
}

/**
 * The carry fingerprint of the edge `{edgeMs:Int64}` from the events as stored now (column
 * `carry`), as `buildAgentTimeSql` computes it. Parameters: `{tenant}`, `{at}` (any instant at
 * or after the edge), `{edgeMs}`.
 */
export function carryFingerprintSql(database: string): string {
  const since = `fromUnixTimestamp64Milli({edgeMs:Int64}, 'UTC')`;
  const cut = (perTeam: boolean) => carriedStates(database, { scope: '1', since, perTeam });
  const state = 'tupleElement(carried, 3)';
  return `SELECT toString(sum(h)) AS carry FROM (
    SELECT ${tenantHash('agent_id', state)} AS h, ${state} AS state FROM ${cut(false)}
    UNION ALL
    SELECT ${teamHash('agent_id', 'toString(carried_team)', state)}, ${state}
    FROM ${cut(true)} WHERE carried_team != ''
  )
  WHERE state IN (${COUNTED_STATES})`;
}

/**
 * Per quarter hour of [from, to) with an accepted agent-time build: `bucket_ms`, `build`,
 * whether the events table still holds as many rows for it as then (`fresh`), and the build's
 * carry fingerprints at its start and end (`carry_start`, `carry_end`, as strings).
 * Parameters: `{tenant}`, `{from:DateTime64}`, `{to:DateTime64}`.
 */
export function agentTimeBucketsSql(database: string): string {
  const carries = `(
    SELECT toUnixTimestamp64Milli(bucket) AS edge_ms, build, carry FROM ${database}.rollup_agent_time
    WHERE tenant = {tenant:String} AND dim = '${CARRY_DIM}' AND value = ''
      AND bucket >= {from:${DT}} AND bucket <= {to:${DT}}
  )`;
  return `SELECT bucket_ms, toString(built.build) AS build, raw_rows = ifNull(stored.n, 0) AS fresh,
    toString(starts.carry) AS carry_start, toString(ends.carry) AS carry_end
  FROM (
    SELECT toUnixTimestamp64Milli(bucket) AS bucket_ms, raw_rows, build
    FROM ${database}.agent_time_buckets FINAL
    WHERE tenant = {tenant:String} AND bucket >= {from:${DT}} AND bucket < {to:${DT}}
  ) AS built
  LEFT JOIN (${storedRowsSql(database)}) AS stored USING (bucket_ms)
  LEFT JOIN ${carries} AS starts ON starts.edge_ms = built.bucket_ms AND starts.build = built.build
  LEFT JOIN ${carries} AS ends ON ends.edge_ms = built.bucket_ms + ${Q} AND ends.build = built.build
  ORDER BY bucket_ms
  SETTINGS join_use_nulls = 0`;
}
