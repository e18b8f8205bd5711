import type { KgiProgress, KpiHistoryRow } from '@mieruka/contracts';
import { PALETTE, type ChartOption } from './types';

/** The history value a KGI metric sums per day (`disposition:appointment` from dispositions). */
export function kgiDayValue(metric: string, row: KpiHistoryRow): number {
  if (metric.startsWith('disposition:')) return row.kpis.dispositions[metric.slice(12)] ?? 0;
  const value = (row.kpis as unknown as Record<string, unknown>)[metric];
  return typeof value === 'number' ? value : 0;
}

/**
 * A KGI's path so far: the running total per day of its period against the target, and the
 * projected end value (from the live snapshot) as a dashed line.
 */
export function kgiHistoryOption(kgi: KgiProgress, days: readonly KpiHistoryRow[]): ChartOption {
  let total = 0;
  const cumulative = days.map((row) => (total += kgiDayValue(kgi.metric, row)));
  const markLines: {
    name: string;
    yAxis: number;
    lineStyle: { color: string; type: 'solid' | 'dashed' };
  }[] = [{ name: 'target', yAxis: kgi.target, lineStyle: { color: PALETTE.ok, type: 'solid' } }];
  if (kgi.projected !== null) {
    markLines.push({
      name: 'projected',
      yAxis: kgi.projected,
      lineStyle: { color: PALETTE.warn, type: 'dashed' },
    });
  }
  return {
    animation: false,
    grid: { left: 80, right: 24, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: days.map((r) => r.start.slice(5, 10)),
      axisLabel: { color: PALETTE.dim },
    },
    yAxis: {
      type: 'value',
      max: (v: { max: number }) => Math.max(v.max, kgi.target, kgi.projected ?? 0),
      axisLabel: { color: PALETTE.dim },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series: [
      {
        type: 'line',
        name: kgi.id,
        data: cumulative,
        areaStyle: { opacity: 0.15 },
        lineStyle: { color: PALETTE.accent, width: 3 },
        itemStyle: { color: PALETTE.accent },
        markLine: { symbol: 'none', data: markLines, label: { color: PALETTE.text } },
      },
    ],
  };
}
