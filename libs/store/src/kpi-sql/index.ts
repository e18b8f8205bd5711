import {
  WINDOWS,
  type KpiSnapshot,
  type Scope,
  type StuckRule,
  type TenantSettings,
} from '@mieruka/contracts';
import { LOST_AFTER_MS, formatLocalIso, kgiPeriod, kgiProgress, windowRanges } from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { kgiActual, kgiEventTypes, kgiSpanAfter, kgiSpanName } from './kgi.sql';
import { liveQueueFromRow, liveQueueSql, type LiveQueueRow } from './live.sql';
import { orderBookSql, stuckListSql } from './orders.sql';
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
 * - the live queue;
 * - the order book (its counts, and its stuck list).
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

  const orderParams = {
    ...base,
    shipWithinMs: settings.orders.shipWithinMs,
    payWithinMs: settings.orders.payWithinMs,
  };
  const [spanRows, [queueRow], [bookRow], stuckRows] = await Promise.all([
    queryRows<WindowKpisRow>(
      store,
      spanKpisSql(store.database, filter.sql, settings.serviceLevel.variant),
      spanParams,
    ),
    queryRows<LiveQueueRow>(store, liveQueueSql(store.database, filter.sql), {
      ...base,
      queueFrom: chTime(at - LOST_AFTER_MS),
    }),
    queryRows<Record<string, unknown>>(
      store,
      orderBookSql(store.database, filter.sql),
      orderParams,
    ),
    queryRows<Record<string, unknown>>(
      store,
      stuckListSql(store.database, filter.sql),
      orderParams,
    ),
  ]);
  const rowOf = (name: string) => {
    const row = spanRows.find((r) => r.win === name);
    if (!row) throw new Error(`the KPI query returned no row for ${name}`);
    return row;
  };
  if (!queueRow) throw new Error('the live queue query returned no row');
  if (!bookRow) throw new Error('the order book query returned no row');
  const oldestPaidAt = bookRow.oldestPaidAt === null ? null : Number(bookRow.oldestPaidAt);

  return {
    at: formatLocalIso(at, timeZone),
    tenant: settings.tenant.id,
    scope,
    windows: Object.fromEntries(
      WINDOWS.map((w) => [w, windowKpisFromRow(rowOf(w))]),
    ) as KpiSnapshot['windows'],
    live: { ...liveQueueFromRow(queueRow), agents: liveAgentsFromRow(rowOf('today')) },
    orders: {
      awaitingPayment: Number(bookRow.awaitingPayment),
      paidNotShipped: Number(bookRow.paidNotShipped),
      held: Number(bookRow.held),
      stuck: Number(bookRow.stuck),
      oldestPaidNotShippedMs: oldestPaidAt === null ? null : at - oldestPaidAt,
      stuckList: stuckRows.map((row) => ({
        orderId: String(row.order_id),
        agentId: row.agent_id === '' ? null : String(row.agent_id),
        rule: row.rule as StuckRule,
        since: formatLocalIso(Number(row.since), timeZone),
        reason: row.rule === 'held' ? String(row.reason) : null,
      })),
    },
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
