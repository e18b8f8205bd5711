import {
  LIVE_AGENT_STATES,
  type Breakdown,
  type HistoryGroupBy,
  type TenantSettings,
} from '@mieruka/contracts';
import { stateIntervals } from './agent-states.sql';
import { ATTRIBUTED, DT, scopedEvents } from './events.sql';
import { ROLLUP_SUM_COLUMNS } from './rollup.sql';
import { valueColumns } from './span-kpis.sql';
import { EVENT_SUM_INPUTS, SEGMENT_KEYS, eventSumColumns, rolledUpSumColumns } from './spans.sql';

type Variant = TenantSettings['serviceLevel']['variant'];

/** The events column of each breakdown (a fixed list: never user input). */
const BREAKDOWN_COLUMNS: Record<Breakdown, string> = {
  queue: 'queue',
  campaign: 'campaign',
  team: 'team',
  agent: 'agent_id',
};

/**
 * The bucket an event falls in, as the epoch ms where the bucket starts: the same grid as
 * `bucketStart` of @mieruka/kpi (quarter hours on the UTC grid; local hours and days).
 */
const TIME_GROUP: Record<'15m' | 'hour' | 'day', (time: string) => string> = {
  '15m': (time) => `intDiv(toUnixTimestamp64Milli(${time}), 900000) * 900000`,
  hour: (time) => `toInt64(toUnixTimestamp(toStartOfHour(${time}, {timeZone:String}))) * 1000`,
  day: (time) => `toInt64(toUnixTimestamp(toStartOfDay(${time}, {timeZone:String}))) * 1000`,
};

/**
 * Where a history query reads rollups (rollups.ts): `ranges` contiguous runs of fresh whole
 * quarter hours, given as `{rolledStarts:Array(DateTime64)}` / `{rolledEnds}`, their builds as
 * `{rolledBuckets:Array(Int64)}` / `{rolledBuilds:Array(String)}`; `dimension` is the rollups'
 * dim read (`*` the tenant, whose rows hold the attributed order types too) — with a value
 * `{scopeValue}` unless the query breaks down by it.
 */
export interface RolledUp {
  readonly ranges: number;
  readonly dimension: string;
}

/**
 * Where a history query reads agent time from its rollups (agent-time-rollups.ts): the quarter
 * hours of [from, `{agentRawFromMs:Int64}`), whose builds are `{agentBuckets:Array(Int64)}` /
 * `{agentBuilds:Array(String)}`, from the rows of `dimension` ('' the tenant, agent, team) —
 * with a value `{scopeValue}` unless the query breaks down by it; raw events from there on.
 * `whole`: the rollups cover the whole range (no raw part).
 */
export interface AgentTimeRolledUp {
  readonly dimension: '' | 'agent' | 'team';
  readonly whole: boolean;
}

/** ISO weekday × 100 + hour of a local time: 109 = Monday 09h (the `weekdayHour` group). */
const weekdayHourOf = (time: string) =>
  `toDayOfWeek(${time}, 0, {timeZone:String}) * 100 + toHour(${time}, {timeZone:String})`;
const slotTime = (ms: string) => `toDateTime(intDiv(${ms}, 1000), 'UTC')`;

/**
 * The slot (1-based) holding an instant (epoch ms) of the range, by a hash lookup of its
 * bucket's start (time groups only; weekday × hour runs on hour slots): an interval then
 * visits only the slots it spans (testing every slot for every interval was most of a week's
 * query).
 */
function slotOfSql(groupBy: HistoryGroupBy, ms: string): string {
  const bucketOf =
    TIME_GROUP[groupBy === 'weekdayHour' ? 'hour' : (groupBy as keyof typeof TIME_GROUP)];
  return `transform(${bucketOf(`fromUnixTimestamp64Milli(${ms}, 'UTC')`)}, {slotAligned:Array(Int64)}, range(1, length({slotAligned:Array(Int64)}) + 1), 0)`;
}

/**
 * KPI history: every value of docs/kpis.md (Counts, Ratios) per group over [from, to), a row
 * each, column `grp`. Time buckets come as `{slotAligned:Array(Int64)}` (where each full bucket
 * starts), `{slotStarts}` / `{slotEnds}` (the part inside the range) — every bucket gets a row,
 * zeros when quiet. A breakdown groups by its column; events without a value are left out.
 *
 * Events are read as every KPI query reads them (`scopedEvents`: deduplicated, scoped, at most
 * `{at}` = to − 1 ms). Agent-state time is the timeline of agentTimeSql clipped to each bucket
 * as the live fold clips it to a window: [start, end − 1 ms], so a bucket shows exactly what
 * the wallboard showed at its last millisecond (a state that began before the range carries in); in a breakdown, an interval belongs
 * to the team / agent its state event names (queues and campaigns have none: their occupancy
 * is null). `weekdayHour` runs on hour slots and folds each slot (and each event) onto its
 * local weekday and hour; its rows also say how many hours of the range each holds
 * (`occurrences`). Parameters: `{tenant}`, `{at}`, `{from:DateTime64}`, `{fromMs:Int64}`,
 * `{atMs:Int64}`, `{agentRawFromMs:Int64}` (from, unless rollups hold agent time: see
 * AgentTimeRolledUp), `{timeZone}`, `{slThresholdMs}`, `{shortAbandonMs}`, the slots, and those
 * of the scope filter.
 */
export function historySql(
  database: string,
  scope: string,
  variant: Variant,
  groupBy: HistoryGroupBy,
  rolled?: RolledUp,
  agentRolled?: AgentTimeRolledUp,
): string {
  const breakdown = groupBy in BREAKDOWN_COLUMNS ? BREAKDOWN_COLUMNS[groupBy as Breakdown] : null;
  const pattern = groupBy === 'weekdayHour';
  const groupOf = (time: string) =>
    pattern ? weekdayHourOf(time) : TIME_GROUP[groupBy as keyof typeof TIME_GROUP](time);
  const eventGroup = breakdown ?? groupOf('occurred_at');
  const hasValue = breakdown ? `${breakdown} != ''` : '1';

  // The whole tenant by time reads no scope column: where an order was taken changes nothing.
  const unattributed = !breakdown && scope === '1';
  const read = (prefilter: string) =>
    scopedEvents(database, { columns: [...EVENT_SUM_INPUTS], prefilter, scope, unattributed });
  const from = `occurred_at >= {from:DateTime64(3, 'UTC')} AND type != 'agent.state'`;
  // With rollups: raw events outside the rolled-up quarter hours, the attributed order types
  // inside them too unless the tenant's rows hold them, and the rollups' rows of those.
  const inRolled = rolled
    ? Array.from(
        { length: rolled.ranges },
        (_, i) =>
          `(occurred_at >= {rolledStarts:Array(${DT})}[${i + 1}] AND occurred_at < {rolledEnds:Array(${DT})}[${i + 1}])`,
      ).join(' OR ')
    : '';
  const events = !rolled
    ? read(from)
    : rolled.dimension === '*'
      ? read(`${from} AND NOT (${inRolled})`)
      : read(`${from} AND (type IN (${ATTRIBUTED}) OR NOT (${inRolled}))`);
  const rollupRows = rolled
    ? `UNION ALL
      SELECT ${breakdown ? 'value' : groupOf('bucket')} AS grp, ${ROLLUP_SUM_COLUMNS.join(', ')}
      FROM ${database}.rollup_sums
      WHERE tenant = {tenant:String} AND sl_threshold_ms = {slThresholdMs:UInt32}
        AND short_abandon_ms = {shortAbandonMs:UInt32} AND dim = '${rolled.dimension}'
        ${breakdown || rolled.dimension === '*' ? '' : 'AND value = {scopeValue:String}'}
        AND (${Array.from(
          { length: rolled.ranges },
          (_, i) =>
            `(bucket >= {rolledStarts:Array(${DT})}[${i + 1}] AND bucket < {rolledEnds:Array(${DT})}[${i + 1}])`,
        ).join(' OR ')})
        AND (toUnixTimestamp64Milli(bucket), build) IN (
          SELECT tupleElement(p, 1), toUUID(tupleElement(p, 2))
          FROM (SELECT arrayJoin(arrayZip({rolledBuckets:Array(Int64)}, {rolledBuilds:Array(String)})) AS p)
        )`
    : '';
  const sums = `SELECT grp, ${rolledUpSumColumns().join(', ')}
    FROM (
      SELECT ${eventGroup} AS grp, ${eventSumColumns().join(', ')}
      FROM ${events}
      WHERE ${hasValue}
      GROUP BY grp, ${SEGMENT_KEYS}
      ${rollupRows}
    )
    GROUP BY grp`;

  const agentTime = agentTimeSql(database, scope, groupBy, breakdown, agentRolled);
  const values = Object.entries(valueColumns(variant)).map(([key, sql]) => `${sql} AS ${key}`);
  // A breakdown's groups are those with events or agent time: one full join reads each once
  // (a union of their keys beside two left joins read both twice).
  if (breakdown) {
    return `SELECT grp, ${values.join(',\n  ')}
  FROM (${sums}) AS sums
  FULL OUTER JOIN (${agentTime}) AS agent_time USING (grp)
  ORDER BY grp
  SETTINGS join_use_nulls = 0`;
  }
  const groups = pattern
    ? `SELECT grp, count() AS occurrences FROM (
          SELECT ${weekdayHourOf(slotTime('arrayJoin({slotAligned:Array(Int64)})'))} AS grp
        ) GROUP BY grp`
    : `SELECT arrayJoin({slotAligned:Array(Int64)}) AS grp`;
  return `SELECT grp, ${pattern ? 'occurrences, ' : ''}${values.join(',\n  ')}
  FROM (${groups}) AS groups
  LEFT JOIN (${sums}) AS sums USING (grp)
  LEFT JOIN (${agentTime}) AS agent_time USING (grp)
  ORDER BY grp
  SETTINGS join_use_nulls = 0`;
}

const AGENT_TIME_SUMS = (ms: (state: string) => string) =>
  LIVE_AGENT_STATES.map((state) => `${ms(state)} AS t_${state}`).join(', ');

/**
 * Agent time per group (`grp`, `t_<state>`): the timeline clipped to each bucket at its last
 * millisecond (see historySql), from `{agentRawFromMs:Int64}` on read raw, and before it, when
 * `agentRolled`, from the agent-time rollups: a bucket of whole quarter hours is their time
 * less one ms per interval that reaches past its last quarter hour.
 */
function agentTimeSql(
  database: string,
  scope: string,
  groupBy: HistoryGroupBy,
  breakdown: string | null,
  agentRolled: AgentTimeRolledUp | undefined,
): string {
  // Agent states name an agent and maybe a team, never a queue or campaign.
  if (breakdown && breakdown !== 'team' && breakdown !== 'agent_id') {
    return `SELECT toString('') AS grp, ${AGENT_TIME_SUMS(() => 'toInt64(0)')} FROM system.one WHERE 0`;
  }
  const pattern = groupBy === 'weekdayHour';
  const slotOf = (ms: string) => slotOfSql(groupBy, ms);
  const slotGroup = pattern
    ? weekdayHourOf(slotTime('{slotAligned:Array(Int64)}[slot]'))
    : '{slotAligned:Array(Int64)}[slot]';
  const rawFrom = '{agentRawFromMs:Int64}';

  // In a team breakdown each team counts only its own state events (as a team scope does),
  // so an agent's timeline is cut per team.
  const intervals = stateIntervals(database, {
    scope,
    sinceMs: rawFrom,
    perTeam: breakdown === 'team',
  });
  const pieces = breakdown
    ? `SELECT state, ${breakdown} AS grp, least(e, {atMs:Int64}) - greatest(s, ${rawFrom}) AS ms
      FROM ${intervals} WHERE grp != ''`
    : `SELECT state, ${slotGroup} AS grp,
        least(e, {slotEnds:Array(Int64)}[slot] - 1) - greatest(s, {slotStarts:Array(Int64)}[slot]) AS ms
      FROM ${intervals}
      ARRAY JOIN range(${slotOf(`greatest(s, ${rawFrom})`)}, ${slotOf('least(e, {atMs:Int64})')} + 1) AS slot`;
  const raw = `SELECT grp, ${AGENT_TIME_SUMS((state) => `sumIf(ms, state = '${state}')`)}
    FROM (${pieces}) WHERE ms > 0 GROUP BY grp`;
  if (!agentRolled) return raw;

  const bucketMs = 'toUnixTimestamp64Milli(bucket)';
  const last = breakdown
    ? `${bucketMs} + 900000 = {atMs:Int64} + 1`
    : `${bucketMs} + 900000 = {slotEnds:Array(Int64)}[slot]`;
  const rolled = `SELECT ${breakdown ? 'value' : slotGroup} AS grp,
      ${AGENT_TIME_SUMS((state) => `sum(t_${state} - if(${last}, x_${state}, 0))`)}
    FROM (
      SELECT *${breakdown ? '' : `, ${slotOf(bucketMs)} AS slot`}
      FROM ${database}.rollup_agent_time
      WHERE tenant = {tenant:String} AND dim = '${agentRolled.dimension}'
        ${breakdown || agentRolled.dimension === '' ? '' : 'AND value = {scopeValue:String}'}
        AND bucket >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
        AND bucket < fromUnixTimestamp64Milli(${rawFrom}, 'UTC')
        AND (${bucketMs}, build) IN (
          SELECT tupleElement(p, 1), toUUID(tupleElement(p, 2))
          FROM (SELECT arrayJoin(arrayZip({agentBuckets:Array(Int64)}, {agentBuilds:Array(String)})) AS p)
        )
    )
    GROUP BY grp`;
  if (agentRolled.whole) return rolled;
  return `SELECT grp, ${AGENT_TIME_SUMS((state) => `sum(t_${state})`)}
    FROM (${raw} UNION ALL ${rolled}) GROUP BY grp`;
}
