import {
  isTimeBucket,
  parseScope,
  type HistoryGroupBy,
  type Scope,
  type TenantSettings,
} from '@mieruka/contracts';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import type { RolledUp } from './history.sql';
import { ROLLUP_BUCKET_MS } from './rollup.sql';
import { freshBuckets } from './rollups';

/** What a history query reads from rollups, and its query parameters. */
export interface RollupPlan {
  readonly rolled: RolledUp;
  readonly params: Record<string, unknown>;
  /** How many quarter hours come from rollups. */
  readonly buckets: number;
}

/**
 * Which quarter hours of a history query come from rollups, or null for none (then it reads
 * raw events only, as before). A quarter hour qualifies when it is fresh (rollups.ts), whole
 * inside [from, to) and, for time groups, inside one bucket (`slots`: every real zone's offset
 * is a multiple of 15 minutes, but a bucket edge off the grid is simply read raw). Rollups have
 * one dimension per row, so a breakdown is rolled up only over the whole tenant.
 */
export async function planRollup(
  store: StoreClient,
  settings: TenantSettings,
  query: {
    readonly from: number;
    readonly to: number;
    readonly scope: Scope;
    readonly groupBy: HistoryGroupBy;
    readonly slots: readonly { readonly start: number; readonly end: number }[];
  },
): Promise<RollupPlan | null> {
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
    rolled: { ranges: starts.length, dimension: timeGroup ? (scoped?.dimension ?? '') : groupBy },
    params: {
      rolledStarts: starts.map(chTime),
      rolledEnds: ends.map(chTime),
      rolledBuckets: buckets,
      rolledBuilds: buckets.map((b) => fresh.get(b)!),
    },
    buckets: buckets.length,
  };
}
