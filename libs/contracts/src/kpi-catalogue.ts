import type { Breakdown } from './kpi-history';
import type { WindowKpis } from './kpi-snapshot';

/**
 * The KPIs of docs/kpis.md, one entry each: how it is made, its unit, where each engine counts
 * it, the tiles that draw it and its name in Japanese and English. One table for the
 * wallboard (its tiles, i18n messages and definitions), the SQL path and the API's CSV export,
 * so a tile, a column header and a chart title never disagree. Pure data, no zod: the
 * wallboard bundles this file.
 */

/**
 * How a KPI is made: `count` a number of events (never null), `total` an amount summed (revenue,
 * never null), `ratio` a ratio or an average (null over a zero denominator, docs/kpis.md),
 * `breakdown` counts per value of a field (dispositions, dial outcomes).
 */
export type KpiKind = 'count' | 'total' | 'ratio' | 'breakdown';

/** count: whole events; ratio: 0…1; ms: a duration in milliseconds; money: the tenant's currency; rate: per agent hour. */
export type KpiUnit = 'count' | 'ratio' | 'ms' | 'money' | 'rate';

/** The live fold's module that counts a KPI (libs/kpi/src/projection/<fold>.ts). */
export type KpiFold = 'sums' | 'order-index' | 'agent-timeline' | 'window-kpis';

/** The SQL module that computes it for history (libs/store/src/kpi-sql/<sql>.ts). */
export type KpiSql = 'spans.sql' | 'agent-time.sql' | 'span-kpis.sql';

export interface KpiEntry {
  readonly kind: KpiKind;
  readonly unit: KpiUnit;
  /** Where the live fold counts it; every value is assembled in window-kpis.ts. */
  readonly fold: KpiFold;
  /** Where the SQL path counts it; every value is assembled in span-kpis.sql.ts. */
  readonly sql: KpiSql;
  /**
   * The wallboard tiles that draw it (values.ts, TILE_KINDS): as their number, in their small
   * print or in a panel. A KPI that has a number tile of its own gives it its key as the kind.
   */
  readonly tiles: readonly string[];
  /** Its name without its unit; the wallboard's `kpis.<key>` messages are these. */
  readonly names: Readonly<Record<Language, string>>;
}

/**
 * THE list of KPIs: every value of a window of the snapshot (kpi-snapshot.ts, WindowKpis), in
 * the schema's order (the CSV's column order), one name from the event to the tile. Every
 * other list of KPIs is derived from this one: the history KPIs and their units and names
 * below, the tile kinds (values.ts), the SQL row reader (span-kpis.sql.ts), the wallboard's
 * definitions. The wallboard's messages are keyed by the same name (`kpis.<key>`,
 * `tiles.<key>`, `definitions.kpis.<key>`). docs/kpis.md (The catalogue) is checked against it.
 */
export const KPI_CATALOGUE = {
  offered: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['answered'],
    names: { en: 'Offered', ja: '着信数' },
  },
  answered: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['answered'],
    names: { en: 'Answered', ja: '応答数' },
  },
  answeredInSL: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Answered in SL', ja: 'SL内応答数' },
  },
  abandoned: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['abandonRate', 'abandonedCalls'],
    names: { en: 'Abandoned', ja: '放棄呼数' },
  },
  shortAbandoned: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Short abandons', ja: '短時間放棄' },
  },
  abandonedCallerHangup: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Abandoned: caller hung up', ja: '放棄（お客様切断）' },
  },
  abandonedTimeout: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Abandoned: queue timeout', ja: '放棄（タイムアウト）' },
  },
  abandonedKey: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Abandoned: left by key', ja: '放棄（キー操作で離脱）' },
  },
  abandonedEmpty: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Abandoned: nobody staffed', ja: '放棄（対応者不在）' },
  },
  abandonedOther: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Abandoned: other', ja: '放棄（その他）' },
  },
  dialed: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['dialed'],
    names: { en: 'Dialed', ja: '発信数' },
  },
  connectedOutbound: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['connectRate', 'funnel', 'dialOutcomes'],
    names: { en: 'Connected (outbound)', ja: '接続数' },
  },
  wrapped: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Handled', ja: '処理完了数' },
  },
  orders: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['orders', 'conversionRate', 'funnel'],
    names: { en: 'Orders', ja: '受注数' },
  },
  cancelledOrders: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['orders'],
    names: { en: 'Cancelled orders', ja: 'キャンセル数' },
  },
  netOrders: {
    kind: 'count',
    unit: 'count',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: [],
    names: { en: 'Net orders', ja: '純受注数' },
  },
  revenue: {
    kind: 'total',
    unit: 'money',
    fold: 'window-kpis',
    sql: 'spans.sql',
    tiles: ['revenue'],
    names: { en: 'Revenue', ja: '売上' },
  },
  dispositions: {
    kind: 'breakdown',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['appointments', 'funnel'],
    names: { en: 'Dispositions', ja: '通話結果' },
  },
  paidOrders: {
    kind: 'count',
    unit: 'count',
    fold: 'order-index',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Paid orders', ja: '入金数' },
  },
  heldOrders: {
    kind: 'count',
    unit: 'count',
    fold: 'order-index',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Orders held', ja: '保留数' },
  },
  shippedOrders: {
    kind: 'count',
    unit: 'count',
    fold: 'order-index',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Orders shipped', ja: '出荷指示数' },
  },
  returnedOrders: {
    kind: 'count',
    unit: 'count',
    fold: 'order-index',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Orders returned', ja: '返品数' },
  },
  wrongItemReturns: {
    kind: 'count',
    unit: 'count',
    fold: 'order-index',
    sql: 'spans.sql',
    tiles: [],
    names: { en: 'Wrong-item returns', ja: '誤品返品数' },
  },
  failedDials: {
    kind: 'count',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['dialOutcomes'],
    names: { en: 'Failed dials', ja: '不通数' },
  },
  dialOutcomes: {
    kind: 'breakdown',
    unit: 'count',
    fold: 'sums',
    sql: 'spans.sql',
    tiles: ['dialOutcomes'],
    names: { en: 'Dial outcomes', ja: '発信結果' },
  },
  serviceLevel: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['serviceLevel'],
    names: { en: 'Service level', ja: 'サービスレベル' },
  },
  abandonRate: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['abandonRate'],
    names: { en: 'Abandon rate', ja: '放棄率' },
  },
  asaMs: {
    kind: 'ratio',
    unit: 'ms',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['asaMs'],
    names: { en: 'ASA', ja: '平均応答速度 (ASA)' },
  },
  ahtMs: {
    kind: 'ratio',
    unit: 'ms',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['ahtMs'],
    names: { en: 'AHT', ja: '平均処理時間 (AHT)' },
  },
  connectRate: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['connectRate'],
    names: { en: 'Connect rate', ja: '接続率' },
  },
  conversionRate: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['conversionRate'],
    names: { en: 'Conversion', ja: '成約率' },
  },
  aov: {
    kind: 'ratio',
    unit: 'money',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['aov'],
    names: { en: 'Average order value', ja: '平均注文単価' },
  },
  fcr: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: ['fcr'],
    names: { en: 'FCR', ja: '一次解決率 (FCR)' },
  },
  occupancy: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'agent-timeline',
    sql: 'agent-time.sql',
    tiles: ['occupancy'],
    names: { en: 'Occupancy', ja: '稼働率' },
  },
  utilization: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'agent-timeline',
    sql: 'agent-time.sql',
    tiles: ['occupancy'],
    names: { en: 'Utilization', ja: '就業率' },
  },
  ordersPerAgentHour: {
    kind: 'ratio',
    unit: 'rate',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: [],
    names: { en: 'Orders per agent hour', ja: '時間当たり受注数' },
  },
  wrongItemRate: {
    kind: 'ratio',
    unit: 'ratio',
    fold: 'window-kpis',
    sql: 'span-kpis.sql',
    tiles: [],
    names: { en: 'Wrong-item rate', ja: '誤品返品率' },
  },
} as const satisfies Record<keyof WindowKpis, KpiEntry>;

export type KpiKey = keyof typeof KPI_CATALOGUE;

/** Every KPI key, in the catalogue's order. */
export const KPI_KEYS = Object.keys(KPI_CATALOGUE) as KpiKey[];

type Catalogue = typeof KPI_CATALOGUE;
type KeysOfKind<K extends KpiKind> = {
  [Key in KpiKey]: Catalogue[Key]['kind'] extends K ? Key : never;
}[KpiKey];

/** The KPIs of one kind, in the catalogue's order. */
function keysOfKind<K extends KpiKind>(...kinds: readonly K[]): KeysOfKind<K>[] {
  return KPI_KEYS.filter((key): key is KeysOfKind<K> =>
    (kinds as readonly KpiKind[]).includes(KPI_CATALOGUE[key].kind),
  );
}

/** The KPIs that are never null: counts and totals. */
export const COUNT_KPIS = keysOfKind('count');
export const RATIO_KPIS = keysOfKind('ratio');

/**
 * The numbers of a history row a manager can chart: every KPI but the two breakdowns
 * (dispositions, dialOutcomes), whose keys vary.
 */
export type HistoryKpi = KeysOfKind<'count' | 'total' | 'ratio'>;
export const HISTORY_KPIS: readonly HistoryKpi[] = keysOfKind('count', 'total', 'ratio');

type TileKpi = {
  [Key in HistoryKpi]: Key extends Catalogue[Key]['tiles'][number] ? Key : never;
}[HistoryKpi];

/**
 * The KPIs with a number tile of their own, named by their key (values.ts, TILE_KINDS). A
 * breakdown's panel may share its key (`dialOutcomes`) but is a panel, not a number.
 */
export const KPI_TILES = HISTORY_KPIS.filter((key): key is TileKpi =>
  (KPI_CATALOGUE[key].tiles as readonly string[]).includes(key),
);

/**
 * The wallboard's tiles (wallboard.ts): of one number from a window, live, and the panels. A tile of
 * one KPI is named by the KPI's key in the snapshot (above): `asaMs`, `dialed`.
 */
export const TILE_KINDS = [
  ...KPI_TILES,
  'appointments',
  'waiting',
  'agents',
  'orderBook',
  'kgis',
  'funnel',
  'agentGrid',
  'abandonedCalls',
  'lists',
  'dialOutcomes',
  'leaderboard',
] as const;
export type TileKind = (typeof TILE_KINDS)[number];

/**
 * The names tiles had before they took their KPI's key: layouts stored or written with them
 * still load (wallboard.ts reads them as the new ones, and so does the store).
 */
export const FORMER_TILE_KINDS = {
  asa: 'asaMs',
  aht: 'ahtMs',
  dials: 'dialed',
  conversion: 'conversionRate',
} as const satisfies Record<string, TileKind>;
export type FormerTileKind = keyof typeof FORMER_TILE_KINDS;

/** A tile kind by its current name: a former name is read as the tile's KPI key. */
export function currentTileKind<K extends string>(kind: K): Exclude<K, FormerTileKind> | TileKind {
  return Object.hasOwn(FORMER_TILE_KINDS, kind)
    ? FORMER_TILE_KINDS[kind as FormerTileKind]
    : (kind as Exclude<K, FormerTileKind>);
}

/** A stored layout with its tiles under their current names (layouts saved before the rename). */
export function withCurrentTileKinds<
  W extends { pages: readonly { tiles: readonly { kind: string }[] }[] },
>(wallboard: W): W {
  return {
    ...wallboard,
    pages: wallboard.pages.map((page) => ({
      ...page,
      tiles: page.tiles.map((tile) => ({ ...tile, kind: currentTileKind(tile.kind) })),
    })),
  };
}

export const KPI_UNITS = Object.fromEntries(
  HISTORY_KPIS.map((kpi) => [kpi, KPI_CATALOGUE[kpi].unit]),
) as Record<HistoryKpi, KpiUnit>;

export function isHistoryKpi(value: unknown): value is HistoryKpi {
  return typeof value === 'string' && (HISTORY_KPIS as readonly string[]).includes(value);
}

/** The languages people read Mieruka in. */
export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'ja' || value === 'en';
}

const namesIn = (language: Language) =>
  Object.fromEntries(
    HISTORY_KPIS.map((kpi) => [kpi, KPI_CATALOGUE[kpi].names[language]]),
  ) as Record<HistoryKpi, string>;

/** Each history KPI's name, without its unit. */
export const KPI_LABELS: Record<Language, Record<HistoryKpi, string>> = {
  en: namesIn('en'),
  ja: namesIn('ja'),
};

/** What a history row is keyed by, named: the breakdown dimensions and ISO weekdays. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const DIMENSION_LABELS: Record<Language, Record<Breakdown, string>> = {
  en: { queue: 'Queue', campaign: 'Campaign', team: 'Team', agent: 'Agent' },
  ja: { queue: 'キュー', campaign: 'キャンペーン', team: 'チーム', agent: 'オペレーター' },
};

export const WEEKDAY_LABELS: Record<Language, Record<IsoWeekday, string>> = {
  en: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
  ja: { 1: '月', 2: '火', 3: '水', 4: '木', 5: '金', 6: '土', 7: '日' },
};

/** The order drill-down's breakdowns (GET /api/v1/kpis/orders, ./order-drilldown.ts). */
export const ORDER_DRILLDOWNS = ['agent', 'item', 'reason'] as const;
export type OrderDrilldownBy = (typeof ORDER_DRILLDOWNS)[number];

/** The counts of a row, in column order; the window keys of the same names. */
export const ORDER_DRILLDOWN_COUNTS = [
  'heldOrders',
  'returnedOrders',
  'wrongItemReturns',
  'shippedOrders',
] as const;

/** The order drill-down's key columns (GET /api/v1/kpis/orders), for the CSV and the page. */
export const ORDER_DRILLDOWN_LABELS: Record<
  Language,
  Record<OrderDrilldownBy | 'variant' | 'unattributed' | 'noItems', string>
> = {
  en: {
    agent: 'Agent who took the order',
    item: 'SKU',
    reason: 'Reason',
    variant: 'Variant',
    unattributed: '(no confirmation)',
    noItems: '(no items confirmed)',
  },
  ja: {
    agent: '受注担当者',
    item: '品番',
    reason: '理由',
    variant: 'バリエーション',
    unattributed: '(受注確定なし)',
    noItems: '(商品の確定なし)',
  },
};
