import type { KpiHistoryRow } from '@mieruka/contracts';
import { chartUnit, chartValue, type HistoryKpi } from '../kpi/kpi-keys';
import { PALETTE, type ChartOption } from './types';

export interface HistorySeries {
  readonly name: string;
  readonly rows: readonly KpiHistoryRow[];
}

const axisStyle = {
  axisLine: { lineStyle: { color: PALETTE.grid } },
  axisLabel: { color: PALETTE.dim, fontSize: 13 },
  splitLine: { lineStyle: { color: PALETTE.grid } },
};

/** `2026-11-24T10:15:00.000+09:00` → `11-24 10:15` (the row's own local time, no re-zoning). */
export function bucketLabel(start: string): string {
  return `${start.slice(5, 10)} ${start.slice(11, 16)}`;
}

/**
 * A KPI over time, one line per series (the scope alone, or one per breakdown value). The x
 * axis is the first series' buckets; every series of one request covers the same buckets.
 */
export function historyLineOption(kpi: HistoryKpi, series: readonly HistorySeries[]): ChartOption {
  const labels = (series[0]?.rows ?? []).map((r) => bucketLabel(r.start));
  const unit = chartUnit(kpi);
  return {
    animation: false,
    color: [...PALETTE.series],
    grid: { left: 64, right: 24, top: 40, bottom: 40 },
    legend: { show: series.length > 1, textStyle: { color: PALETTE.text }, top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}${unit}` },
    xAxis: { type: 'category', data: labels, ...axisStyle },
    yAxis: {
      type: 'value',
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, formatter: `{value}${unit}` },
    },
    series: series.map((s) => ({
      type: 'line' as const,
      name: s.name,
      data: s.rows.map((r) => chartValue(kpi, r.kpis[kpi])),
      showSymbol: s.rows.length <= 48,
      connectNulls: false,
      lineStyle: { width: 2 },
    })),
  };
}

/** A KPI per breakdown value (queue, agent…) over the whole range, largest first. */
export function historyBarOption(kpi: HistoryKpi, rows: readonly KpiHistoryRow[]): ChartOption {
  const sorted = [...rows].sort((a, b) => (b.kpis[kpi] ?? -Infinity) - (a.kpis[kpi] ?? -Infinity));
  const unit = chartUnit(kpi);
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 24, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}${unit}` },
    xAxis: {
      type: 'category',
      data: sorted.map((r) => r.key),
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, rotate: sorted.length > 8 ? 40 : 0 },
    },
    yAxis: {
      type: 'value',
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, formatter: `{value}${unit}` },
    },
    series: [
      {
        type: 'bar',
        data: sorted.map((r) => chartValue(kpi, r.kpis[kpi])),
        itemStyle: { color: PALETTE.accent },
        label: { show: sorted.length <= 12, position: 'top', color: PALETTE.text },
      },
    ],
  };
}
