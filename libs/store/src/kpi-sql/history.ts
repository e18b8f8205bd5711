import {
  InvalidInput,
  MAX_HISTORY_BUCKETS,
  isTimeBucket,
  type HistoryGroupBy,
  type KpiHistory,
  type KpiHistoryRow,
  type Scope,
  type TenantSettings,
} from '@mieruka/contracts';
import { formatLocalIso, timeSlots } from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { planRollup } from './history-rollups';
import { historySql } from './history.sql';
import { scopeFilter } from './scope.sql';
import { windowKpisFromRow } from './span-kpis.sql';

export interface KpiHistoryParams {
  readonly settings: TenantSettings;
  /** The range [from, to) in epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly scope: Scope;
  readonly groupBy: HistoryGroupBy;
  /**
   * Read fresh rollups (history-rollups.ts) for the quarter hours they cover, raw events for
   * the rest (the default); false reads raw events only. The answer is the same either way.
   */
  readonly rollups?: boolean;
}

/** A request the store cannot answer as asked (the caller's mistake, not the store's). */
export class HistoryRangeError extends InvalidInput {
  override readonly name = 'HistoryRangeError';
}

/**
 * KPI history over [from, to): a row per local time bucket (every bucket, in order), per
 * queue, campaign, team or agent, or per local weekday and hour the range holds (`weekdayHour`,
 * Monday 0h first), each with every window value of docs/kpis.md computed by SQL.
 */
export async function computeKpiHistory(
  store: StoreClient,
  params: KpiHistoryParams,
): Promise<KpiHistory> {
  const { settings, from, to, scope, groupBy } = params;
  const timeZone = settings.tenant.timezone;
  if (!(from < to)) throw new HistoryRangeError('from: must be before to');
  // A weekday × hour pattern folds the range's local hours onto the week.
  const slotSize = groupBy === 'weekdayHour' ? 'hour' : isTimeBucket(groupBy) ? groupBy : null;
  const { slots, truncated } = slotSize
    ? timeSlots(from, to, slotSize, timeZone, MAX_HISTORY_BUCKETS)
    : { slots: [], truncated: false };
  if (truncated) {
    throw new HistoryRangeError(
      `groupBy: more than ${MAX_HISTORY_BUCKETS} ${slotSize} buckets in the range; choose a shorter range or a coarser groupBy`,
    );
  }
  const filter = scopeFilter(scope);
  const plan =
    params.rollups !== false
      ? await planRollup(store, settings, { from, to, scope, groupBy, slots })
      : null;
  const result = await store.client.query({
    query: historySql(
      store.database,
      filter.sql,
      settings.serviceLevel.variant,
      groupBy,
      plan?.rolled,
      plan?.agentRolled,
    ),
    query_params: {
      agentRawFromMs: from,
      ...plan?.params,
      tenant: settings.tenant.id,
      at: chTime(to - 1),
      from: chTime(from),
      fromMs: from,
      atMs: to - 1,
      timeZone,
      slThresholdMs: settings.serviceLevel.thresholdMs,
      shortAbandonMs: settings.serviceLevel.shortAbandonMs,
      slotAligned: slots.map((s) => s.aligned),
      slotStarts: slots.map((s) => s.start),
      slotEnds: slots.map((s) => s.end),
      ...filter.params,
    },
    format: 'JSONEachRow',
  });
  const rows = await result.json<Record<string, unknown>>();
  const local = (ms: number) => formatLocalIso(ms, timeZone);

  let historyRows: KpiHistoryRow[];
  if (isTimeBucket(groupBy)) {
    const byStart = new Map(rows.map((row) => [Number(row.grp), row]));
    historyRows = slots.map((slot) => {
      const row = byStart.get(slot.aligned);
      if (!row) throw new Error(`the history query returned no row for ${local(slot.aligned)}`);
      return {
        key: local(slot.start),
        start: local(slot.start),
        end: local(slot.end),
        kpis: windowKpisFromRow(row),
      };
    });
    if (rows.length !== slots.length) {
      throw new Error(`the history query returned ${rows.length} rows for ${slots.length} buckets`);
    }
  } else if (groupBy === 'weekdayHour') {
    historyRows = rows.map((row) => {
      const grp = Number(row.grp);
      return {
        key: `${Math.floor(grp / 100)}-${String(grp % 100).padStart(2, '0')}`,
        start: local(from),
        end: local(to),
        kpis: windowKpisFromRow(row),
        occurrences: Number(row.occurrences),
      };
    });
  } else {
    historyRows = rows.map((row) => ({
      key: String(row.grp),
      start: local(from),
      end: local(to),
      kpis: windowKpisFromRow(row),
    }));
  }
  return {
    tenant: settings.tenant.id,
    scope,
    groupBy,
    from: local(from),
    to: local(to),
    rows: historyRows,
  };
}
