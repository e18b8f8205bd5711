import type { KpiHistoryRow } from '@mieruka/contracts';
import { formatCount, formatDuration, formatMoney, formatPercent } from '../kpi/format';
import { KPI_UNITS, type HistoryKpi } from '../kpi/kpi-keys';

/** A table cell of the agents' table: the row's key, or its KPI in the KPI's unit. */
export function historyCell(
  kpi: HistoryKpi | 'key',
  row: KpiHistoryRow,
  locale: string,
  currency: string,
): string {
  if (kpi === 'key') return row.key;
  const value = row.kpis[kpi];
  switch (KPI_UNITS[kpi]) {
    case 'ratio': {
      const shown = formatPercent(value, locale);
      return `${shown.text}${shown.unit}`;
    }
    case 'ms':
      return formatDuration(value);
    case 'money':
      return formatMoney(value, locale, currency);
    default:
      return formatCount(value, locale);
  }
}
