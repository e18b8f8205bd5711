import { randomUUID } from 'node:crypto';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { queryRows } from './query-rows';
import {
  agentTimeBucketsSql,
  buildAgentTimeSql,
  carryFingerprintSql,
} from './agent-time-rollup.sql';
import { ROLLUP_BUCKET_MS } from './rollup.sql';

/**
 * The quarter hours from `start` (on the grid) up to `to` whose agent-time rollup a history
 * query may read, in order, each with its build: the longest run from `start` in which each
 * quarter hour's build is fresh (the events table holds as many rows for it as when it was
 * built) and took in the states the agents carried into it as they are now — the fingerprint
 * of the edge recomputed at `start`, and for the next quarter hours the end fingerprint of the
 * one before. A late state event changes what every later quarter hour carries in: the run
 * ends there until the builder has rebuilt them.
 */
export async function freshAgentTime(
  store: StoreClient,
  tenant: string,
  start: number,
  to: number,
): Promise<Map<number, string>> {
  const valid = new Map<number, string>();
  if (start + ROLLUP_BUCKET_MS > to) return valid;
  const [built, [edge]] = await Promise.all([
    queryRows<{
      bucket_ms: string;
      build: string;
      fresh: number;
      carry_start: string;
      carry_end: string;
    }>(store, agentTimeBucketsSql(store.database), { tenant, from: chTime(start), to: chTime(to) }),
    queryRows<{ carry: string }>(store, carryFingerprintSql(store.database), {
      tenant,
      at: chTime(start),
      edgeMs: start,
    }),
  ]);
  const byBucket = new Map(built.map((row) => [Number(row.bucket_ms), row]));
  let carry = edge?.carry ?? '0';
  for (let b = start; b + ROLLUP_BUCKET_MS <= to; b += ROLLUP_BUCKET_MS) {
    const row = byBucket.get(b);
    if (!row || Number(row.fresh) !== 1 || row.carry_start !== carry) break;
    valid.set(b, row.build);
    carry = row.carry_end;
  }
  return valid;
}

/**
 * Builds the agent-time rollup of the quarter hours [from, to) (on the grid) as one build and
 * returns its id. Nothing reads it until `recordAgentTime` accepts some of its quarter hours.
 */
export async function buildAgentTime(
  store: StoreClient,
  tenant: string,
  from: number,
  to: number,
): Promise<string> {
  const build = randomUUID();
  await store.client.command({
    query: buildAgentTimeSql(store.database),
    query_params: {
      tenant,
      at: chTime(to),
      atMs: to,
      build,
      buildFromMs: from,
      buildToMs: to,
    },
  });
  return build;
}

/** Records the quarter hours of a build as accepted, each with its events' row count then. */
export async function recordAgentTime(
  store: StoreClient,
  tenant: string,
  build: string,
  accepted: readonly { readonly bucket: number; readonly rawRows: number }[],
): Promise<void> {
  if (accepted.length === 0) return;
  await store.client.insert({
    table: `${store.database}.agent_time_buckets`,
    values: accepted.map(({ bucket, rawRows }) => ({
      tenant,
      bucket: chTime(bucket),
      raw_rows: rawRows,
      build,
    })),
    format: 'JSONEachRow',
  });
}
