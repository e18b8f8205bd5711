import type { KpiHistoryRow } from '@mieruka/contracts';
import { PALETTE, type ChartOption } from './types';

export type HeatmapMetric = 'offered' | 'serviceLevel';

/** A cell: ISO weekday (1 = Monday) × local hour, with its value (null when nothing to rate). */
export interface HeatCell {
  readonly weekday: number;
  readonly hour: number;
  readonly value: number | null;
}

/**
 * The API's weekday × hour rows (`groupBy=weekdayHour`: key `2-10` = Tuesdays 10:00, every
 * value computed by SQL from the sums of all those hours) as the 7 × 24 cells of the chart:
 * offered calls per such hour (a range holds more Mondays than Sundays, say), service level
 * as the API computed it — one definition of it, in the store. Hours the range does not hold,
 * and hours with nothing to rate, stay empty.
 */
export function weekdayHourCells(
  rows: readonly KpiHistoryRow[],
  metric: HeatmapMetric,
): HeatCell[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const cells: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const row = byKey.get(`${weekday}-${String(hour).padStart(2, '0')}`);
      let value: number | null = null;
      if (row && metric === 'offered') value = row.kpis.offered / (row.occurrences ?? 1);
      if (row && metric === 'serviceLevel') value = row.kpis.serviceLevel;
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
