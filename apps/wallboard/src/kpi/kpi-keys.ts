import type { WindowKpis } from '@mieruka/contracts';

/** The numbers of a history row a manager can chart (every key of docs/kpis.md but dispositions). */
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
] as const satisfies readonly (keyof WindowKpis)[];
export type HistoryKpi = (typeof HISTORY_KPIS)[number];

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
};

export function isHistoryKpi(value: unknown): value is HistoryKpi {
  return typeof value === 'string' && (HISTORY_KPIS as readonly string[]).includes(value);
}

/** Charts plot percentages and seconds, which read better on an axis than 0.8 and 20000. */
export function chartValue(kpi: HistoryKpi, value: number | null): number | null {
  if (value === null) return null;
  switch (KPI_UNITS[kpi]) {
    case 'ratio':
      return Math.round(value * 1000) / 10;
    case 'ms':
      return Math.round(value / 100) / 10;
    case 'rate':
      return Math.round(value * 100) / 100;
    default:
      return value;
  }
}

/** The axis suffix of a KPI's chart values. */
export function chartUnit(kpi: HistoryKpi): string {
  const unit = KPI_UNITS[kpi];
  return unit === 'ratio' ? '%' : unit === 'ms' ? 's' : '';
}
