import type { KpiHistoryRow, WallboardTenantView } from '@mieruka/contracts';
import { PALETTE, type ChartOption } from './types';

export type HeatmapMetric = 'offered' | 'serviceLevel';

/** A cell: ISO weekday (1 = Monday) × local hour, with its value (null when nothing to rate). */
export interface HeatCell {
  readonly weekday: number;
  readonly hour: number;
  readonly value: number | null;
}

/** ISO weekday of a local date `YYYY-MM-DD…` as written in the row (already the tenant's zone). */
function isoWeekday(localIso: string): number {
  const day = new Date(`${localIso.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Hourly history rows folded into weekday × hour: offered calls as the average per day (a
 * range holds more Mondays than Sundays, say), service level as the ratio of the sums — never
 * an average of ratios, which would weigh a quiet hour like a busy one. The service level's
 * denominator follows the tenant's variant; for `abandons_after_threshold` the rows do not say
 * how many abandons came after the threshold, so it is read back from each row's own ratio.
 */
export function weekdayHourCells(
  rows: readonly KpiHistoryRow[],
  metric: HeatmapMetric,
  variant: WallboardTenantView['serviceLevel']['variant'],
): HeatCell[] {
  const sums = new Map<
    string,
    { offered: number; inSL: number; base: number; days: Set<string> }
  >();
  for (const row of rows) {
    const key = `${isoWeekday(row.start)}|${Number(row.start.slice(11, 13))}`;
    const cell = sums.get(key) ?? { offered: 0, inSL: 0, base: 0, days: new Set<string>() };
    const k = row.kpis;
    cell.offered += k.offered;
    cell.days.add(row.start.slice(0, 10));
    cell.inSL += k.answeredInSL;
    if (variant === 'abandons_count') cell.base += k.answered + k.abandoned - k.shortAbandoned;
    else if (variant === 'answered_only') cell.base += k.answered;
    else if (k.serviceLevel !== null && k.serviceLevel > 0)
      cell.base += k.answeredInSL / k.serviceLevel;
    sums.set(key, cell);
  }
  const cells: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const cell = sums.get(`${weekday}|${hour}`);
      let value: number | null = null;
      if (cell && metric === 'offered') value = cell.offered / cell.days.size;
      if (cell && metric === 'serviceLevel' && cell.base > 0) value = cell.inSL / cell.base;
      cells.push({ weekday, hour, value });
    }
  }
  return cells;
}

/** Rows Monday…Sunday (top to bottom), columns 0…23 h. */
export function heatmapOption(
  cells: readonly HeatCell[],
  metric: HeatmapMetric,
  weekdayNames: readonly string[],
): ChartOption {
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const isRatio = metric === 'serviceLevel';
  const max = isRatio ? 100 : Math.max(1, ...values);
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 16, bottom: 72 },
    tooltip: { position: 'top' },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      axisLabel: { color: PALETTE.dim },
      splitArea: { show: true, areaStyle: { color: ['rgba(255,255,255,0.03)', 'rgba(0,0,0,0)'] } },
    },
    yAxis: {
      type: 'category',
      data: [...weekdayNames],
      inverse: true,
      axisLabel: { color: PALETTE.dim },
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      textStyle: { color: PALETTE.text },
      // Service level: red is low (bad); offered calls: dark is quiet.
      inRange: {
        color: isRatio
          ? [PALETTE.alert, PALETTE.warn, PALETTE.ok]
          : ['#0f2740', PALETTE.accent, '#e0f2fe'],
      },
    },
    series: [
      {
        type: 'heatmap',
        data: cells
          .filter((c) => c.value !== null)
          .map((c) => [
            c.hour,
            c.weekday - 1,
            isRatio ? Math.round((c.value ?? 0) * 1000) / 10 : Math.round((c.value ?? 0) * 10) / 10,
          ]),
        label: { show: false },
      },
    ],
  };
}
