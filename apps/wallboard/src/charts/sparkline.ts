import type { TrendPoint } from '../live/trend';
import { PALETTE, type ChartOption } from './types';

/**
 * The small trend line of a tile: no axes, no labels, no animation (a TV redraws for days; an
 * animation per update is wasted work). A missing value is a gap, not a zero.
 */
export function sparklineOption(
  points: readonly TrendPoint[],
  colour: string = PALETTE.accent,
): ChartOption {
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: { show: false },
    series: [
      {
        type: 'line',
        data: points.map(([t, v]) => [t, v]),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 3, color: colour },
        areaStyle: { color: colour, opacity: 0.15 },
        silent: true,
      },
    ],
  };
}
