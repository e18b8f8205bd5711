import { WINDOWS, type KpiSnapshot, type Scope, type TenantSettings } from '@mieruka/contracts';
import { LOST_AFTER_MS, formatLocalIso, kgiPeriod, kgiProgress, windowRanges } from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { kgiActual, kgiEventTypes, kgiSpanAfter, kgiSpanName } from './kgi.sql';
import { liveQueueFromRow, liveQueueSql, type LiveQueueRow } from './live.sql';
import { scopeFilter } from './scope.sql';
import {
  liveAgentsFromRow,
  spanKpisSql,
  windowKpisFromRow,
  type WindowKpisRow,
} from './span-kpis.sql';

export interface SqlSnapshotParams {
  readonly settings: TenantSettings;
  /** "Now" for the computation, epoch ms: only events with occurred_at ≤ at exist. */
  readonly at: number;
  readonly scope: Scope;
}

async function queryRows<T>(
  store: StoreClient,
  query: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const result = await store.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/**
 * The KPI snapshot of docs/kpis.md at `at`, every value computed by ClickHouse over the stored
 * events (the history path; `ingest` is the caller's). Two queries:
 * - spans: the four windows and every KGI period, a row each — event counts and sums, agent-state
 *   time and all the ratios — plus the live agent states;
 * - the live queue.
 * Windows, KGI periods and the pacing arithmetic come from the shared helpers of @mieruka/kpi.
 */
export async function computeSqlSnapshot(
  store: StoreClient,
  params: SqlSnapshotParams,
): Promise<Omit<KpiSnapshot, 'ingest'>> {
  const { settings, at, scope } = params;
  const timeZone = settings.tenant.timezone;
  const filter = scopeFilter(scope);
  const ranges = windowRanges(at, timeZone);
  const base = { tenant: settings.tenant.id, at: chTime(at), atMs: at, ...filter.params };

  const spans = [
    ...WINDOWS.map((w) => ({ name: w, after: ranges[w].after })),
    ...settings.kgis.map((kgi, i) => ({
      name: kgiSpanName(i),
      after: kgiSpanAfter(kgiPeriod(kgi.period, at, timeZone).start),
    })),
  ];
  const spanParams = {
    ...base,
    slThresholdMs: settings.serviceLevel.thresholdMs,
    shortAbandonMs: settings.serviceLevel.shortAbandonMs,
    spanNames: spans.map((s) => s.name),
    spanAfters: spans.map((s) => chTime(s.after)),
    spansFrom: chTime(Math.min(...spans.map((s) => s.after))),
    windowsFrom: chTime(Math.min(...WINDOWS.map((w) => ranges[w].after))),
    spanTypes: [...new Set(settings.kgis.flatMap((kgi) => kgiEventTypes(kgi.metric)))],
    windowNames: [...WINDOWS],
    windowStarts: WINDOWS.map((w) => ranges[w].start),
    agentFrom: Math.min(...WINDOWS.map((w) => ranges[w].start)),
  };

  const [spanRows, [queueRow]] = await Promise.all([
    queryRows<WindowKpisRow>(
      store,
      spanKpisSql(store.database, filter.sql, settings.serviceLevel.variant),
      spanParams,
    ),
    queryRows<LiveQueueRow>(store, liveQueueSql(store.database, filter.sql), {
      ...base,
      queueFrom: chTime(at - LOST_AFTER_MS),
    }),
  ]);
  const rowOf = (name: string) => {
    const row = spanRows.find((r) => r.win === name);
    if (!row) throw new Error(`the KPI query returned no row for ${name}`);
    return row;
  };
  if (!queueRow) throw new Error('the live queue query returned no row');

  return {
    at: formatLocalIso(at, timeZone),
    tenant: settings.tenant.id,
    scope,
    windows: Object.fromEntries(
      WINDOWS.map((w) => [w, windowKpisFromRow(rowOf(w))]),
    ) as KpiSnapshot['windows'],
    live: { ...liveQueueFromRow(queueRow), agents: liveAgentsFromRow(rowOf('today')) },
    kgis: settings.kgis.map((kgi, i) =>
      kgiProgress(
        kgi,
        kgiActual(kgi.metric, windowKpisFromRow(rowOf(kgiSpanName(i)))),
        at,
        settings,
      ),
    ),
  };
}
export { computeKpiHistory, HistoryRangeError, type KpiHistoryParams } from './history';
export { computeDaySeeds, type DaySeed } from './day-seeds';
