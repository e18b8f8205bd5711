import { KPI_UNITS, type HistoryKpi } from '@mieruka/contracts/kpi-catalogue';

// The KPIs, their units, names and tiles are one table (the catalogue) shared with the SQL path
// and the API's CSV export.
export {
  HISTORY_KPIS,
  KPI_CATALOGUE,
  KPI_TILES,
  KPI_UNITS,
  isHistoryKpi,
  type HistoryKpi,
  type KpiUnit,
} from '@mieruka/contracts/kpi-catalogue';

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
