import { ATTRIBUTED, DT } from './events.sql';
import { EVENT_SUM_INPUTS, SEGMENT_KEYS, SUM_KEYS, eventSumColumns } from './spans.sql';

/** The rollups' grain: quarter hours on the UTC grid, as `bucketStart(…, '15m')`. */
export const ROLLUP_BUCKET_MS = 900_000;

/** The 15-minute bucket of an event, as DateTime64(3, 'UTC') (column `bucket` of the rollups). */
const BUCKET_OF = `fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(occurred_at), ${ROLLUP_BUCKET_MS}) * ${ROLLUP_BUCKET_MS}, 'UTC')`;

/**
 * The layout of the builds a reader understands, recorded in `rollup_buckets.layout`: 1 (the
 * tenant as dim `*`, with the attributed order types) since migration 16. A build of an older
 * layout is not fresh: the builder builds the bucket again.
 */
export const ROLLUP_LAYOUT = 1;

/** An event's quarter hour as its index on the UTC grid (the key of projection `quarter_rows`). */
const QUARTER_OF = `intDiv(toUnixTimestamp64Milli(occurred_at), ${ROLLUP_BUCKET_MS})`;

/**
 * Stored rows per bucket of [from, to) (both on the grid) for a tenant, every type, copies
 * included (no FINAL): `bucket_ms`, `n`. Asked by quarter-hour index, so ClickHouse answers it
 * from the events' projection `quarter_rows` (migration 17: each part's rows counted per
 * tenant and quarter hour) instead of reading a month of timestamps; a part without it yet is
 * read, with the same answer. Parameters: `{tenant}`, `{from:DateTime64}`, `{to:DateTime64}`.
 */
export function storedRowsSql(database: string): string {
  const edge = (at: string) => `intDiv(toUnixTimestamp64Milli({${at}:${DT}}), ${ROLLUP_BUCKET_MS})`;
  return `SELECT ${QUARTER_OF} * ${ROLLUP_BUCKET_MS} AS bucket_ms, count() AS n
  FROM ${database}.events
  WHERE tenant = {tenant:String} AND ${QUARTER_OF} >= ${edge('from')} AND ${QUARTER_OF} < ${edge('to')}
  GROUP BY ${QUARTER_OF}`;
}

/**
 * The distinct events per bucket of [from, to) for a tenant (read with FINAL): `bucket_ms`,
 * `n`. Parameters: those of `storedRowsSql`.
 */
export function distinctEventsSql(database: string): string {
  return `SELECT toUnixTimestamp64Milli(bucket) AS bucket_ms, count() AS n
  FROM (
    SELECT ${BUCKET_OF} AS bucket FROM ${database}.events FINAL
    WHERE tenant = {tenant:String} AND occurred_at >= {from:${DT}} AND occurred_at < {to:${DT}}
  )
  GROUP BY bucket`;
}

/**
 * Where a scope dimension's value is in an event (the rollups' `dim`; `*` is the tenant). The
 * order types counted where their order was taken as at the end of the range asked for
 * (`orderAttribution`), which a bucket built earlier cannot know, are only in the tenant's
 * rows, which no attribution changes.
 */
const DIMENSIONS = `if(type IN (${ATTRIBUTED}), [('*', '')],
      [('*', ''), ('queue', toString(queue)), ('campaign', toString(campaign)),
       ('team', toString(team)), ('agent', agent_id)])`;

/** The rollups' sum columns, in the order `eventSumColumns` computes them. */
export const ROLLUP_SUM_COLUMNS = [
  'seg_disposition',
  'seg_outcome',
  ...SUM_KEYS.map((k) => `seg_${k}`),
];

/**
 * Builds the rollup rows of the buckets `{buckets:Array(Int64)}` (epoch ms, all inside
 * [from, to)) as build `{build:UUID}`: the deduplicated events (FINAL) of every type but
 * agent states (their time has rollups of its own, agent-time-rollup.sql.ts), summed as the
 * history sums them, once for the tenant (dim `*`) and, but for the attributed order types,
 * once per scope dimension with a value. Parameters: those of `storedRowsSql`, `{buckets}`, `{build}`,
 * `{slThresholdMs}`, `{shortAbandonMs}`.
 */
export function buildRollupSql(database: string): string {
  const inputs = [...new Set([...EVENT_SUM_INPUTS, 'queue', 'campaign', 'team', 'agent_id'])];
  return `INSERT INTO ${database}.rollup_sums
    (tenant, sl_threshold_ms, short_abandon_ms, dim, value, bucket, build, ${ROLLUP_SUM_COLUMNS.join(', ')})
  SELECT {tenant:String}, {slThresholdMs:UInt32}, {shortAbandonMs:UInt32},
    tupleElement(dv, 1) AS dim, tupleElement(dv, 2) AS value, bucket, {build:UUID},
    ${eventSumColumns().join(',\n    ')}
  FROM (
    SELECT ${inputs.join(', ')}, ${BUCKET_OF} AS bucket
    FROM ${database}.events FINAL
    WHERE tenant = {tenant:String} AND occurred_at >= {from:${DT}} AND occurred_at < {to:${DT}}
      AND type != 'agent.state'
      AND toUnixTimestamp64Milli(bucket) IN {buckets:Array(Int64)}
  )
  ARRAY JOIN ${DIMENSIONS} AS dv
  WHERE dim = '*' OR value != ''
  GROUP BY dim, value, bucket, ${SEGMENT_KEYS}`;
}

/**
 * The buckets of [from, to) whose rollup can be read: the accepted build for the tenant's
 * current service-level settings, while the events table still holds as many rows for the
 * bucket as it did then (`bucket_ms`, `build`). Parameters: those of `storedRowsSql`,
 * `{slThresholdMs}`, `{shortAbandonMs}`.
 */
export function freshBucketsSql(database: string): string {
  return `SELECT bucket_ms, toString(build) AS build
  FROM (
    SELECT toUnixTimestamp64Milli(bucket) AS bucket_ms, raw_rows, build
    FROM ${database}.rollup_buckets FINAL
    WHERE tenant = {tenant:String} AND sl_threshold_ms = {slThresholdMs:UInt32}
      AND short_abandon_ms = {shortAbandonMs:UInt32}
      AND bucket >= {from:${DT}} AND bucket < {to:${DT}} AND layout = ${ROLLUP_LAYOUT}
  ) AS built
  LEFT JOIN (${storedRowsSql(database)}) AS stored USING (bucket_ms)
  WHERE raw_rows = n
  ORDER BY bucket_ms
  SETTINGS join_use_nulls = 0`;
}
