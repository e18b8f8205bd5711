import {
  isTimeBucket,
  parseScope,
  type HistoryGroupBy,
  type Scope,
  type TenantSettings,
} from '@mieruka/contracts';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { freshAgentTime } from './agent-time-rollups';
import type { AgentTimeRolledUp, RolledUp } from './history.sql';
import { ROLLUP_BUCKET_MS } from './rollup.sql';
import { freshBuckets } from './rollups';

/** What a history query reads from rollups, and its query parameters. */
export interface RollupPlan {
  readonly rolled?: RolledUp;
  readonly agentRolled?: AgentTimeRolledUp;
  readonly params: Record<string, unknown>;
}

interface HistoryQuery {
  readonly from: number;
  readonly to: number;
  readonly scope: Scope;
  readonly groupBy: HistoryGroupBy;
  readonly slots: readonly { readonly start: number; readonly end: number }[];
}

/**
 * What a history query reads from rollups — the sums (`planSums`) and the agent time
 * (`planAgentTime`) — with their parameters; `{agentRawFromMs}` is where agent time is read
 * raw from (from, when no rollup covers its start).
 */
export async function planRollup(
  store: StoreClient,
  settings: TenantSettings,
  query: HistoryQuery,
): Promise<RollupPlan> {
  const [sums, agent] = await Promise.all([
    planSums(store, settings, query),
    planAgentTime(store, settings, query),
  ]);
  return {
    rolled: sums?.rolled,
    agentRolled: agent?.rolled,
    params: { agentRawFromMs: query.from, ...sums?.params, ...agent?.params },
  };
}

/**
 * Which quarter hours of a history query take agent time from its rollups, or null for none:
 * the run of fresh ones from `from` (agent-time-rollups.ts), cut back to whole buckets for
 * time groups. Rollups have the tenant, each agent and each team: a queue or campaign scope
 * reads raw events, and a breakdown is rolled up only over the whole tenant.
 */
async function planAgentTime(
  store: StoreClient,
  settings: TenantSettings,
  query: HistoryQuery,
): Promise<{ rolled: AgentTimeRolledUp; params: Record<string, unknown> } | null> {
  const { from, to, scope, groupBy, slots } = query;
  if (from % ROLLUP_BUCKET_MS !== 0) return null;
  const scoped = parseScope(scope);
  const timeGroup = isTimeBucket(groupBy) || groupBy === 'weekdayHour';
  const dimension = timeGroup ? (scoped ? scoped.dimension : '') : scoped ? null : groupBy;
  if (dimension !== '' && dimension !== 'agent' && dimension !== 'team') return null;
  const fresh = await freshAgentTime(store, settings.tenant.id, from, to);
  const freshEnd = from + fresh.size * ROLLUP_BUCKET_MS;
  // A time bucket is read from rollups only whole: up to the end of the last slot inside.
  const rawFrom = timeGroup
    ? slots.reduce((end, slot) => (slot.end <= freshEnd ? Math.max(end, slot.end) : end), from)
    : freshEnd;
  if (rawFrom <= from) return null;
  const buckets = [...fresh.keys()].filter((b) => b < rawFrom);
  return {
    rolled: { dimension, whole: rawFrom >= to },
    params: {
      agentRawFromMs: rawFrom,
      agentBuckets: buckets,
      agentBuilds: buckets.map((b) => fresh.get(b)!),
    },
  };
}

/**
 * Which quarter hours of a history query take their sums from rollups, or null for none (then it reads
 * raw events only, as before). A quarter hour qualifies when it is fresh (rollups.ts), whole
 * inside [from, to) and, for time groups, inside one bucket (`slots`: every real zone's offset
 * is a multiple of 15 minutes, but a bucket edge off the grid is simply read raw). Rollups have
 * one dimension per row, so a breakdown is rolled up only over the whole tenant.
 */
async function planSums(
  store: StoreClient,
  settings: TenantSettings,
  query: HistoryQuery,
): Promise<{ rolled: RolledUp; params: Record<string, unknown> } | null> {
  const { from, to, scope, groupBy, slots } = query;
  const scoped = parseScope(scope);
  const timeGroup = isTimeBucket(groupBy) || groupBy === 'weekdayHour';
  if (!timeGroup && scoped) return null;
  const fresh = await freshBuckets(store, settings, from, to);
  if (fresh.size === 0) return null;
  const inside = timeGroup
    ? (b: number) => slots.some((s) => s.start <= b && b + ROLLUP_BUCKET_MS <= s.end)
    : () => true;
  const buckets = [...fresh.keys()].filter(inside).sort((a, b) => a - b);
  if (buckets.length === 0) return null;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const b of buckets) {
    if (ends.length > 0 && ends[ends.length - 1] === b)
      ends[ends.length - 1] = b + ROLLUP_BUCKET_MS;
    else {
      starts.push(b);
      ends.push(b + ROLLUP_BUCKET_MS);
    }
  }
  return {
    rolled: { ranges: starts.length, dimension: timeGroup ? (scoped?.dimension ?? '*') : groupBy },
    params: {
      rolledStarts: starts.map(chTime),
      rolledEnds: ends.map(chTime),
      rolledBuckets: buckets,
      rolledBuilds: buckets.map((b) => fresh.get(b)!),
    },
  };
}
