import {
  WINDOWS,
  parseScope,
  type KpiSnapshot,
  type Scope,
  type StuckRule,
  type TenantSettings,
} from '@mieruka/contracts';
import {
  LOST_AFTER_MS,
  formatLocalIso,
  kgiPeriod,
  kgiProgress,
  kgisShownIn,
  windowRanges,
} from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { kgiActual, kgiEventTypes, kgiSpanAfter, kgiSpanName } from './kgi.sql';
import { listsSql } from './lists.sql';
import { liveQueueFromRow, liveQueueSql, type LiveQueueRow } from './live.sql';
import { orderBookSql, stuckListSql } from './orders.sql';
import { queryRows } from './query-rows';
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

/**
 * The KPI snapshot of docs/kpis.md at `at`, every value computed by ClickHouse over the stored
 * events (the history path; `ingest` is the caller's). Two queries:
 * - spans: the four windows and every KGI period, a row each — event counts and sums, agent-state
 *   time and all the ratios — plus the live agent states;
 * - the live queue;
 * - the order book (its counts, and its stuck list);
 * - the outbound lists (tenant and campaign scopes);
 * - for each scoped KGI of another scope than the snapshot's, its periods in that scope.
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

  // KGIs counted in the snapshot's own scope ride on its span query; a scoped KGI shown in
  // the tenant's snapshot gets a query of its own scope (docs/kpis.md, KGIs).
  const shown = kgisShownIn(settings.kgis, scope);
  const kgiSpan = (i: number) => ({
    name: kgiSpanName(i),
    after: kgiSpanAfter(kgiPeriod(settings.kgis[i]!.period, at, timeZone).start),
  });
  const spans = [
    ...WINDOWS.map((w) => ({ name: w, after: ranges[w].after })),
    ...shown.filter((k) => k.countIn === scope).map((k) => kgiSpan(k.index)),
  ];
  const otherScopes = [...new Set(shown.map((k) => k.countIn).filter((s) => s !== scope))];
  const spanParamsOf = (spans: { name: string; after: number }[]) => ({
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
  });
  const spanParams = spanParamsOf(spans);
  const parsedScope = parseScope(scope);
  const listFilter = !parsedScope
    ? '1'
    : parsedScope.dimension === 'campaign'
      ? 'campaign = {scopeValue:String}'
      : undefined;

  const orderParams = {
    ...base,
    shipWithinMs: settings.orders.shipWithinMs,
    payWithinMs: settings.orders.payWithinMs,
  };
  const [spanRows, [queueRow], [bookRow], stuckRows, listRows, ...scopedSpanRows] =
    await Promise.all([
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
      listFilter === undefined
        ? Promise.resolve([])
        : queryRows<Record<string, unknown>>(store, listsSql(store.database, listFilter), base),
      ...otherScopes.map((kgiScope) => {
        const kgiFilter = scopeFilter(kgiScope);
        const kgiSpans = shown.filter((k) => k.countIn === kgiScope).map((k) => kgiSpan(k.index));
        return queryRows<WindowKpisRow>(
          store,
          spanKpisSql(store.database, kgiFilter.sql, settings.serviceLevel.variant),
          { ...spanParamsOf(kgiSpans), ...kgiFilter.params },
        );
      }),
    ]);
  const rowOf = (name: string) => {
    const row = [...spanRows, ...scopedSpanRows.flat()].find((r) => r.win === name);
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
    lists: listRows.map((row) => {
      const registered = Number(row.registered);
      const worked = Number(row.worked);
      const contacted = Number(row.contacted);
      return {
        listId: String(row.list_id),
        campaign: String(row.campaign),
        registered,
        worked,
        attempts: Number(row.attempts),
        contacted,
        progress: registered > 0 ? worked / registered : null,
        contactRate: worked > 0 ? contacted / worked : null,
        remaining: Math.max(registered - worked, 0),
      };
    }),
    kgis: shown.map(({ kgi, index }) =>
      kgiProgress(
        kgi,
        kgiActual(kgi.metric, windowKpisFromRow(rowOf(kgiSpanName(index)))),
        at,
        settings,
      ),
    ),
  };
}
export { computeKpiHistory, HistoryRangeError, type KpiHistoryParams } from './history';
export { computeDaySeeds, type DaySeed } from './day-seeds';
export { computeOrderDrilldown, type OrderDrilldownParams } from './order-drilldown';
export { buildRollups, freshBuckets, storedTenantRanges, type RollupProgress } from './rollups';
export { ROLLUP_BUCKET_MS } from './rollup.sql';
