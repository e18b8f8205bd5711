import type { Breakdown } from './kpi-history';
import type { WindowKpis } from './kpi-snapshot';

/**
 * The KPIs of docs/kpis.md as people read them: each history KPI's unit and its name in
 * Japanese and English. One table for the wallboard's pages (its i18n messages take their KPI
 * names from here) and for the API's CSV export, so a column header and a chart title never
 * disagree. Pure data, no zod: the wallboard bundles this file.
 */

/**
 * The numbers of a history row a manager can chart: every key of docs/kpis.md but the two
 * breakdowns (dispositions, dialOutcomes), whose keys vary.
 */
export const HISTORY_KPIS = [
  'offered',
  'answered',
  'answeredInSL',
  'abandoned',
  'shortAbandoned',
  'abandonedCallerHangup',
  'abandonedTimeout',
  'abandonedKey',
  'abandonedEmpty',
  'abandonedOther',
  'dialed',
  'connectedOutbound',
  'wrapped',
  'orders',
  'cancelledOrders',
  'netOrders',
  'revenue',
  'paidOrders',
  'heldOrders',
  'shippedOrders',
  'returnedOrders',
  'wrongItemReturns',
  'failedDials',
  'serviceLevel',
  'abandonRate',
  'asaMs',
  'ahtMs',
  'connectRate',
  'conversionRate',
  'aov',
  'fcr',
  'occupancy',
  'utilization',
  'ordersPerAgentHour',
  'wrongItemRate',
] as const satisfies readonly (keyof WindowKpis)[];
export type HistoryKpi = (typeof HISTORY_KPIS)[number];

/** count: whole events; ratio: 0…1; ms: a duration in milliseconds; money: the tenant's currency; rate: per agent hour. */
export type KpiUnit = 'count' | 'ratio' | 'ms' | 'money' | 'rate';

export const KPI_UNITS: Record<HistoryKpi, KpiUnit> = {
  offered: 'count',
  answered: 'count',
  answeredInSL: 'count',
  abandoned: 'count',
  shortAbandoned: 'count',
  abandonedCallerHangup: 'count',
  abandonedTimeout: 'count',
  abandonedKey: 'count',
  abandonedEmpty: 'count',
  abandonedOther: 'count',
  dialed: 'count',
  connectedOutbound: 'count',
  wrapped: 'count',
  orders: 'count',
  cancelledOrders: 'count',
  netOrders: 'count',
  revenue: 'money',
  paidOrders: 'count',
  heldOrders: 'count',
  shippedOrders: 'count',
  returnedOrders: 'count',
  wrongItemReturns: 'count',
  failedDials: 'count',
  serviceLevel: 'ratio',
  abandonRate: 'ratio',
  asaMs: 'ms',
  ahtMs: 'ms',
  connectRate: 'ratio',
  conversionRate: 'ratio',
  aov: 'money',
  fcr: 'ratio',
  occupancy: 'ratio',
  utilization: 'ratio',
  ordersPerAgentHour: 'rate',
  wrongItemRate: 'ratio',
};

export function isHistoryKpi(value: unknown): value is HistoryKpi {
  return typeof value === 'string' && (HISTORY_KPIS as readonly string[]).includes(value);
}

/** The languages people read Mieruka in. */
export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'ja' || value === 'en';
}

/** Each history KPI's name, without its unit. */
export const KPI_LABELS: Record<Language, Record<HistoryKpi, string>> = {
  en: {
    offered: 'Offered',
    answered: 'Answered',
    answeredInSL: 'Answered in SL',
    abandoned: 'Abandoned',
    shortAbandoned: 'Short abandons',
    abandonedCallerHangup: 'Abandoned: caller hung up',
    abandonedTimeout: 'Abandoned: queue timeout',
    abandonedKey: 'Abandoned: left by key',
    abandonedEmpty: 'Abandoned: nobody staffed',
    abandonedOther: 'Abandoned: other',
    dialed: 'Dialed',
    connectedOutbound: 'Connected (outbound)',
    wrapped: 'Handled',
    orders: 'Orders',
    cancelledOrders: 'Cancelled orders',
    netOrders: 'Net orders',
    revenue: 'Revenue',
    paidOrders: 'Paid orders',
    heldOrders: 'Orders held',
    shippedOrders: 'Orders shipped',
    returnedOrders: 'Orders returned',
    wrongItemReturns: 'Wrong-item returns',
    failedDials: 'Failed dials',
    serviceLevel: 'Service level',
    abandonRate: 'Abandon rate',
    asaMs: 'ASA',
    ahtMs: 'AHT',
    connectRate: 'Connect rate',
    conversionRate: 'Conversion',
    aov: 'Average order value',
    fcr: 'FCR',
    occupancy: 'Occupancy',
    utilization: 'Utilization',
    ordersPerAgentHour: 'Orders per agent hour',
    wrongItemRate: 'Wrong-item rate',
  },
  ja: {
    offered: '着信数',
    answered: '応答数',
    answeredInSL: 'SL内応答数',
    abandoned: '放棄呼数',
    shortAbandoned: '短時間放棄',
    abandonedCallerHangup: '放棄（お客様切断）',
    abandonedTimeout: '放棄（タイムアウト）',
    abandonedKey: '放棄（キー操作で離脱）',
    abandonedEmpty: '放棄（対応者不在）',
    abandonedOther: '放棄（その他）',
    dialed: '発信数',
    connectedOutbound: '接続数',
    wrapped: '処理完了数',
    orders: '受注数',
    cancelledOrders: 'キャンセル数',
    netOrders: '純受注数',
    revenue: '売上',
    paidOrders: '入金数',
    heldOrders: '保留数',
    shippedOrders: '出荷指示数',
    returnedOrders: '返品数',
    wrongItemReturns: '誤品返品数',
    failedDials: '不通数',
    serviceLevel: 'サービスレベル',
    abandonRate: '放棄率',
    asaMs: '平均応答速度 (ASA)',
    ahtMs: '平均処理時間 (AHT)',
    connectRate: '接続率',
    conversionRate: '成約率',
    aov: '平均注文単価',
    fcr: '一次解決率 (FCR)',
    occupancy: '稼働率',
    utilization: '就業率',
    ordersPerAgentHour: '時間当たり受注数',
    wrongItemRate: '誤品返品率',
  },
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
