import { randomUUID } from 'node:crypto';
import type { TenantSettings } from '@mieruka/contracts';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { queryRows } from './query-rows';
import { buildAgentTime, freshAgentTime, recordAgentTime } from './agent-time-rollups';
import {
  ROLLUP_BUCKET_MS,
  ROLLUP_LAYOUT,
  buildRollupSql,
  distinctEventsSql,
  freshBucketsSql,
  storedRowsSql,
} from './rollup.sql';

/** How many buckets one build pass takes: a UTC day. */
const BUCKETS_PER_PASS = 96;

const floorBucket = (ms: number) => Math.floor(ms / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
const ceilBucket = (ms: number) => Math.ceil(ms / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;

function rangeParams(settings: TenantSettings, from: number, to: number) {
  return {
    tenant: settings.tenant.id,
    from: chTime(from),
    to: chTime(to),
    slThresholdMs: settings.serviceLevel.thresholdMs,
    shortAbandonMs: settings.serviceLevel.shortAbandonMs,
  };
}

/**
 * The buckets (epoch ms → build id) of the whole quarter hours inside [from, to) whose rollup
 * a history query may read in place of the tenant's raw events: built for its current
 * service-level settings and unchanged since (no event, late or copied, has been stored in
 * the bucket since it was built).
 */
export async function freshBuckets(
  store: StoreClient,
  settings: TenantSettings,
  from: number,
  to: number,
): Promise<Map<number, string>> {
  const start = ceilBucket(from);
  const end = floorBucket(to);
  if (start >= end) return new Map();
  const found = await queryRows<{ bucket_ms: number; build: string }>(
    store,
    freshBucketsSql(store.database),
    rangeParams(settings, start, end),
  );
  return new Map(found.map((r) => [Number(r.bucket_ms), r.build]));
}

export interface RollupProgress {
  /** Quarter hours looked at so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Of those: already fresh, built now, and left to a later run (copies not merged yet, or events stored during the build). */
  readonly fresh: number;
  readonly built: number;
  readonly pending: number;
  /** Quarter hours whose agent time was built now (agent-time-rollups.ts). */
  readonly agentTimeBuilt: number;
}

/**
 * Builds the tenant's rollups for every quarter hour in [from, until) that has none fresh,
 * a UTC day per pass, reporting after each. Safe to stop and rerun (what is fresh is skipped)
 * and to run beside ingest: a bucket's build is accepted only when the events table held as
 * many rows for it before and after the build as distinct events during it, so the rollup is
 * exactly those events (docs/store.md, History rollups). A bucket that still holds copies of
 * an event waits for the merge that collapses them.
 */
export async function buildRollups(
  store: StoreClient,
  options: {
    readonly settings: TenantSettings;
    readonly from: number;
    readonly until: number;
    readonly onProgress?: (progress: RollupProgress) => void;
  },
): Promise<RollupProgress> {
  const { settings } = options;
  const first = ceilBucket(options.from);
  const end = floorBucket(options.until);
  const total = Math.max(0, (end - first) / ROLLUP_BUCKET_MS);
  let progress: RollupProgress = {
    done: 0,
    total,
    fresh: 0,
    built: 0,
    pending: 0,
    agentTimeBuilt: 0,
  };
  for (let passFrom = first; passFrom < end; passFrom += BUCKETS_PER_PASS * ROLLUP_BUCKET_MS) {
    const passTo = Math.min(end, passFrom + BUCKETS_PER_PASS * ROLLUP_BUCKET_MS);
    const pass = await buildPass(store, settings, passFrom, passTo);
    progress = {
      done: progress.done + (passTo - passFrom) / ROLLUP_BUCKET_MS,
      total,
      fresh: progress.fresh + pass.fresh,
      built: progress.built + pass.built,
      pending: progress.pending + pass.pending,
      agentTimeBuilt: progress.agentTimeBuilt + pass.agentTimeBuilt,
    };
    options.onProgress?.(progress);
  }
  return progress;
}

async function buildPass(
  store: StoreClient,
  settings: TenantSettings,
  from: number,
  to: number,
): Promise<{ fresh: number; built: number; pending: number; agentTimeBuilt: number }> {
  const params = rangeParams(settings, from, to);
  const tenant = settings.tenant.id;
  const counts = async (distinct: boolean) =>
    new Map(
      (
        await queryRows<{ bucket_ms: number; n: number }>(
          store,
          distinct ? distinctEventsSql(store.database) : storedRowsSql(store.database),
          params,
        )
      ).map((r) => [Number(r.bucket_ms), Number(r.n)]),
    );
  const [fresh, agentFresh] = await Promise.all([
    freshBuckets(store, settings, from, to),
    freshAgentTime(store, tenant, from, to),
  ]);
  const todo: number[] = [];
  for (let b = from; b < to; b += ROLLUP_BUCKET_MS) if (!fresh.has(b)) todo.push(b);
  // Agent time is rebuilt from the first quarter hour that is not fresh on: each later one
  // carries in what that one ends with.
  const agentFrom = from + agentFresh.size * ROLLUP_BUCKET_MS;
  const nothing = { fresh: fresh.size, built: 0, pending: 0, agentTimeBuilt: 0 };
  if (todo.length === 0 && agentFrom >= to) return nothing;

  // Rows before, distinct events, the builds, rows after: equal counts mean a build read
  // exactly the events the bucket holds (events are never deleted, so the distinct set only
  // grows, and a count of rows equal to its size leaves no room for a new one).
  const before = await counts(false);
  const distinct = await counts(true);
  const unchanged = (b: number) => (before.get(b) ?? 0) === (distinct.get(b) ?? 0);
  const candidates = todo.filter(unchanged);
  const build = randomUUID();
  if (candidates.some((b) => (before.get(b) ?? 0) > 0)) {
    await store.client.command({
      query: buildRollupSql(store.database),
      query_params: { ...params, buckets: candidates, build },
    });
  }
  const agentBuild = agentFrom < to ? await buildAgentTime(store, tenant, agentFrom, to) : '';
  const after = await counts(false);
  const same = (b: number) => unchanged(b) && (after.get(b) ?? 0) === (before.get(b) ?? 0);
  const accepted = candidates.filter(same);
  if (accepted.length > 0) {
    await store.client.insert({
      table: `${store.database}.rollup_buckets`,
      values: accepted.map((b) => ({
        tenant,
        sl_threshold_ms: settings.serviceLevel.thresholdMs,
        short_abandon_ms: settings.serviceLevel.shortAbandonMs,
        bucket: chTime(b),
        raw_rows: before.get(b) ?? 0,
        build,
        layout: ROLLUP_LAYOUT,
      })),
      format: 'JSONEachRow',
    });
  }
  // Agent time: the run of quarter hours from agentFrom that the build read exactly.
  const agentAccepted: { bucket: number; rawRows: number }[] = [];
  for (let b = agentFrom; b < to && same(b); b += ROLLUP_BUCKET_MS) {
    agentAccepted.push({ bucket: b, rawRows: before.get(b) ?? 0 });
  }
  await recordAgentTime(store, tenant, agentBuild, agentAccepted);
  return {
    fresh: fresh.size,
    built: accepted.length,
    pending: todo.length - accepted.length,
    agentTimeBuilt: agentAccepted.length,
  };
}

/**
 * Each tenant with stored events (that occurred at or after `since`, when given), and the first
 * and last instant they cover (epoch ms).
 */
export async function storedTenantRanges(
  store: StoreClient,
  since?: number,
): Promise<{ tenant: string; first: number; last: number }[]> {
  const found = await queryRows<{ tenant: string; first: number; last: number }>(
    store,
    `SELECT tenant, toUnixTimestamp64Milli(min(occurred_at)) AS first,
      toUnixTimestamp64Milli(max(occurred_at)) AS last
    FROM ${store.database}.events
    ${since === undefined ? '' : `WHERE occurred_at >= {since:DateTime64(3, 'UTC')}`}
    GROUP BY tenant ORDER BY tenant`,
    since === undefined ? {} : { since: chTime(since) },
  );
  return found.map((r) => ({ tenant: r.tenant, first: Number(r.first), last: Number(r.last) }));
}
