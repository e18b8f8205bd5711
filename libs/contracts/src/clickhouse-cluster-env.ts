import { z } from 'zod';
import { flag } from './env-fields';

/**
 * Settings for a ClickHouse cluster (docs/store.md#on-a-cluster), spread into `envSchema`.
 * Both off: one server (or chDB), every table as the migrations spell it.
 */
export const clickhouseClusterEnvShape = {
  /** A cluster of the servers' `remote_servers`: every DDL statement runs `ON CLUSTER` it. */
  MIERUKA_CLICKHOUSE_CLUSTER: z
    .string()
    .regex(
      /^[A-Za-z0-9_.{}-]{1,200}$/,
      'must be a cluster name of A–Z a–z 0–9 _ . - (or a macro such as {cluster})',
    )
    .optional(),
  /** Tables are Replicated*MergeTree, kept in step by ClickHouse Keeper (or Cloud's own). */
  MIERUKA_CLICKHOUSE_REPLICATED: flag.default(false),
};

/** Checks across the cluster settings; returns [path, message] problems. */
export function clickhouseClusterEnvProblems(env: {
  MIERUKA_CLICKHOUSE_URL?: string | undefined;
  MIERUKA_CLICKHOUSE_CLUSTER?: string | undefined;
  MIERUKA_CLICKHOUSE_REPLICATED: boolean;
}): [string, string][] {
  const problems: [string, string][] = [];
  const clustered =
    env.MIERUKA_CLICKHOUSE_CLUSTER !== undefined || env.MIERUKA_CLICKHOUSE_REPLICATED;
  if (clustered && env.MIERUKA_CLICKHOUSE_URL === undefined) {
    const path = env.MIERUKA_CLICKHOUSE_CLUSTER ? 'CLUSTER' : 'REPLICATED';
    problems.push([
      `MIERUKA_CLICKHOUSE_${path}`,
      'needs MIERUKA_CLICKHOUSE_URL (the embedded chDB is one process, not a cluster)',
    ]);
  }
  // Plain tables created on every host would each keep the rows of whichever instance wrote
  // to that host: the data would be split, silently.
  if (env.MIERUKA_CLICKHOUSE_CLUSTER !== undefined && !env.MIERUKA_CLICKHOUSE_REPLICATED) {
    problems.push([
      'MIERUKA_CLICKHOUSE_CLUSTER',
      'needs MIERUKA_CLICKHOUSE_REPLICATED=on (plain tables on each host would split the data)',
    ]);
  }
  return problems;
}
