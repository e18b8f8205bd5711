import type {
  BarSeriesOption,
  FunnelSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
} from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/**
 * The options of the ECharts parts register-wallboard.ts and register-history.ts register. Builders import only this
 * type, so they stay pure functions that Jest runs without a DOM or the ECharts runtime.
 */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | FunnelSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The wallboard's dark palette, shared by every chart. */
export const PALETTE = {
  text: '#f5f7fa',
  dim: '#c3ccd6',
  grid: '#2b3644',
  accent: '#60a5fa',
  ok: '#4ade80',
  warn: '#ffb020',
  alert: '#f87171',
  series: ['#60a5fa', '#4ade80', '#fbbf24', '#f472b6', '#a78bfa', '#2dd4bf', '#fb923c'],
} as const;
