import type { Breakdown, Tile, TimeBucket, WindowName } from '@mieruka/contracts';
import { isHistoryKpi, type HistoryKpi } from '../kpi/kpi-keys';
import { LEADER_HISTORY_KPI } from '../kpi/leaderboard';
import { HISTORY_KPI } from '../kpi/readings';
import type { HeatmapMetric } from '../charts/heatmap';
import { RANGES, type RangeName } from './range';

/**
 * Everything a drill-down view shows, read from and written to the address's query string, so
 * a view can be bookmarked and shared: `/history?kpi=serviceLevel&range=7d&by=hour&breakdown=queue`.
 */
export interface HistoryView {
  readonly kpi: HistoryKpi;
  readonly range: RangeName;
  readonly from?: string;
  readonly to?: string;
  readonly by: TimeBucket;
  readonly breakdown: Breakdown | 'none';
  readonly scope: string;
  readonly tenant?: string;
  readonly heat: HeatmapMetric;
  readonly sort: AgentColumn;
  readonly dir: 'asc' | 'desc';
}

export const AGENT_COLUMNS = [
  'key',
  'answered',
  'ahtMs',
  'fcr',
  'orders',
  'revenue',
  'conversionRate',
  'occupancy',
] as const;
export type AgentColumn = (typeof AGENT_COLUMNS)[number];

const BUCKETS: readonly TimeBucket[] = ['15m', 'hour', 'day'];
const BREAKDOWN_OPTIONS: readonly (Breakdown | 'none')[] = [
  'none',
  'queue',
  'campaign',
  'team',
  'agent',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Query = Record<string, unknown>;

const one = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;

/** A view from a query string; anything missing or unknown takes its default. */
export function viewFromQuery(query: Query): HistoryView {
  const date = (v: unknown): string | undefined =>
    typeof v === 'string' && DATE.test(v) ? v : undefined;
  const scope = query['scope'];
  const tenant = query['tenant'];
  return {
    kpi: isHistoryKpi(query['kpi']) ? query['kpi'] : 'serviceLevel',
    range: one(query['range'], RANGES, 'today'),
    from: date(query['from']),
    to: date(query['to']),
    by: one(query['by'], BUCKETS, 'hour'),
    breakdown: one(query['breakdown'], BREAKDOWN_OPTIONS, 'queue'),
    scope: typeof scope === 'string' && scope ? scope : 'tenant',
    tenant: typeof tenant === 'string' && tenant ? tenant : undefined,
    heat: one(query['heat'], ['offered', 'serviceLevel'] as const, 'offered'),
    sort: one(query['sort'], AGENT_COLUMNS, 'answered'),
    dir: one(query['dir'], ['asc', 'desc'] as const, 'desc'),
  };
}

/** The query string of a view, without the defaults (short, readable links). */
export function queryFromView(view: HistoryView): Record<string, string> {
  const defaults = viewFromQuery({});
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(view) as [keyof HistoryView, unknown][]) {
    if (typeof value === 'string' && value !== defaults[key]) query[key] = value;
  }
  return query;
}

/**
 * The bucket that matches a tile's window: a quarter-hour row is what the "this 15 minutes"
 * tile showed (docs/kpis.md, History), and the last 15 minutes read best beside it; the hour
 * for today and the last hour.
 */
const WINDOW_BUCKETS: Record<WindowName, TimeBucket> = {
  today: 'hour',
  interval: '15m',
  rolling15: '15m',
  rolling60: 'hour',
};

/**
 * The drill-down a wallboard tile opens: its KPI (always named, even the default one — the
 * link says which number was clicked), its scope, the wallboard's tenant, and today by the
 * bucket that matches its window; a leaderboard its number broken down by agent.
 */
export function tileHistoryQuery(
  tile: Pick<Tile, 'kind' | 'scope' | 'window'> & Partial<Pick<Tile, 'leaderboard'>>,
  tenant: string | null,
): Record<string, string> {
  const leaderboard = tile.kind === 'leaderboard';
  const view: HistoryView = {
    ...viewFromQuery({}),
    kpi: leaderboard
      ? LEADER_HISTORY_KPI[tile.leaderboard?.by ?? 'appointments']
      : HISTORY_KPI[tile.kind],
    ...(leaderboard ? { breakdown: 'agent' as const } : {}),
    scope: tile.scope,
    by: WINDOW_BUCKETS[tile.window],
    tenant: tenant ?? undefined,
  };
  return { kpi: view.kpi, ...queryFromView(view) };
}

export { BUCKETS, BREAKDOWN_OPTIONS };
