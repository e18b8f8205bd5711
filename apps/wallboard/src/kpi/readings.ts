import type { LiveSnapshot, TileKind, WallboardTenantView, WindowName } from '@mieruka/contracts';
import {
  formatCount,
  formatDuration,
  formatMoney,
  formatPercent,
  formatSeconds,
  type Shown,
} from './format';
import { KPI_TILES, type HistoryKpi } from './kpi-keys';

/** A message to translate: the component owns vue-i18n, this file stays pure. */
export interface Message {
  readonly key: string;
  readonly params?: Record<string, string>;
}

/** What a number tile shows, computed from the snapshot. */
export interface Reading {
  /** The number thresholds and the trend line look at (null when it does not exist yet). */
  readonly value: number | null;
  readonly shown: Shown;
  /** A translated unit (秒, calls) when `shown.unit` is empty. */
  readonly unitKey?: string;
  /** Small print under the number. */
  readonly notes: readonly Message[];
}

export interface ReadingContext {
  readonly locale: string;
  readonly tenant: WallboardTenantView;
}

/**
 * The tiles that show one number of a window (the live and panel tiles have components of their
 * own): each KPI's own tile, named by its key (kpi-catalogue.ts), and the appointments.
 */
export const NUMBER_TILES = [...KPI_TILES, 'appointments'] as const satisfies readonly TileKind[];
export type NumberTileKind = (typeof NUMBER_TILES)[number];

export function isNumberTile(kind: TileKind): kind is NumberTileKind {
  return (NUMBER_TILES as readonly string[]).includes(kind);
}

const plain = (text: string, unit = ''): Shown => ({ text, unit });

/** One tile's reading. Every value comes from the snapshot; nothing is recomputed here. */
export function readTile(
  kind: NumberTileKind,
  snapshot: LiveSnapshot,
  window: WindowName,
  { locale, tenant }: ReadingContext,
): Reading {
  const w = snapshot.windows[window];
  const count = (n: number): string => formatCount(n, locale);
  switch (kind) {
    case 'serviceLevel':
      return {
        value: w.serviceLevel,
        shown: formatPercent(w.serviceLevel, locale),
        notes: [
          {
            key: 'notes.slRule',
            params: { seconds: count(tenant.serviceLevel.thresholdMs / 1000) },
          },
          { key: `variants.${tenant.serviceLevel.variant}` },
        ],
      };
    case 'asaMs':
      return {
        value: w.asaMs,
        shown: plain(formatSeconds(w.asaMs, locale)),
        unitKey: 'units.seconds',
        notes: [],
      };
    case 'abandonRate':
      return {
        value: w.abandonRate,
        shown: formatPercent(w.abandonRate, locale),
        notes: [{ key: 'notes.abandoned', params: { count: count(w.abandoned) } }],
      };
    case 'ahtMs':
      return {
        value: w.ahtMs,
        shown: plain(formatDuration(w.ahtMs)),
        unitKey: 'units.minutes',
        notes: [],
      };
    case 'answered':
      return {
        value: w.answered,
        shown: plain(count(w.answered)),
        unitKey: 'units.calls',
        notes: [{ key: 'notes.offered', params: { count: count(w.offered) } }],
      };
    case 'dialed':
      return {
        value: w.dialed,
        shown: plain(count(w.dialed)),
        unitKey: 'units.calls',
        notes: [],
      };
    case 'connectRate':
      return {
        value: w.connectRate,
        shown: formatPercent(w.connectRate, locale),
        notes: [{ key: 'notes.connected', params: { count: count(w.connectedOutbound) } }],
      };
    case 'conversionRate':
      return {
        value: w.conversionRate,
        shown: formatPercent(w.conversionRate, locale),
        notes: [{ key: 'notes.orders', params: { count: count(w.orders) } }],
      };
    case 'appointments': {
      const n = w.dispositions['appointment'] ?? 0;
      return { value: n, shown: plain(count(n)), unitKey: 'units.items', notes: [] };
    }
    case 'orders':
      return {
        value: w.orders,
        shown: plain(count(w.orders)),
        unitKey: 'units.items',
        notes: [{ key: 'notes.cancelled', params: { count: count(w.cancelledOrders) } }],
      };
    case 'revenue':
      return {
        value: w.revenue,
        shown: plain(formatMoney(w.revenue, locale, tenant.currency)),
        notes: [],
      };
    case 'aov':
      return {
        value: w.aov,
        shown: plain(formatMoney(w.aov, locale, tenant.currency)),
        notes: [],
      };
    case 'fcr':
      return { value: w.fcr, shown: formatPercent(w.fcr, locale), notes: [] };
    case 'occupancy':
      return {
        value: w.occupancy,
        shown: formatPercent(w.occupancy, locale),
        notes: [
          {
            key: 'notes.utilization',
            params: {
              value: `${formatPercent(w.utilization, locale).text}${w.utilization === null ? '' : '%'}`,
            },
          },
        ],
      };
  }
}

/**
 * The history KPI behind each tile that is not a KPI's own: clicking a number opens its
 * drill-down. Typed as the drill-down's KPIs, so a tile can never open a chart (or a
 * definition) that does not exist.
 */
const OTHER_TILES_KPI: Record<Exclude<TileKind, KpiTile>, HistoryKpi> = {
  waiting: 'offered',
  agents: 'occupancy',
  appointments: 'wrapped',
  kgis: 'revenue',
  funnel: 'connectRate',
  agentGrid: 'occupancy',
  abandonedCalls: 'abandoned',
  // Lists live longer than any history range: their tile opens the dials behind them.
  lists: 'dialed',
  dialOutcomes: 'failedDials',
  // The order book has no history; holds are what puts an order on its stuck list.
  orderBook: 'heldOrders',
  // Opened by agent with the KPI it ranks by (history/view.ts); this is its default's.
  leaderboard: 'wrapped',
};

type KpiTile = (typeof KPI_TILES)[number];

/** The history KPI each tile opens: a KPI's own tile opens that KPI. */
export const HISTORY_KPI: Record<TileKind, HistoryKpi> = {
  ...(Object.fromEntries(KPI_TILES.map((kpi) => [kpi, kpi])) as Record<KpiTile, HistoryKpi>),
  ...OTHER_TILES_KPI,
};
