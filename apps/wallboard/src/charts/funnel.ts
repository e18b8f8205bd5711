import type { WindowKpis } from '@mieruka/contracts';
import { formatCount, formatPercent } from '../kpi/format';
import { PALETTE, type ChartOption } from './types';

export interface FunnelLabels {
  readonly dialed: string;
  readonly connected: string;
  readonly orders: string;
  readonly appointments: string;
}

export interface FunnelStep {
  readonly name: string;
  readonly value: number;
  /** This step over the one before (null for the first, or when the one before is 0). */
  readonly rate: number | null;
}

/**
 * The telemarketing playbook's flow: dialed → connected → appointment and order. The steps
 * that are KPIs show the snapshot's own values (connect rate, conversion: docs/kpis.md), never
 * a second computation; appointments, which no KPI rates, show their share of connected calls.
 */
export function funnelSteps(w: WindowKpis, labels: FunnelLabels): FunnelStep[] {
  const appointments = w.dispositions['appointment'] ?? 0;
  return [
    { name: labels.dialed, value: w.dialed, rate: null },
    { name: labels.connected, value: w.connectedOutbound, rate: w.connectRate },
    {
      name: labels.appointments,
      value: appointments,
      rate: w.connectedOutbound > 0 ? appointments / w.connectedOutbound : null,
    },
    { name: labels.orders, value: w.orders, rate: w.conversionRate },
  ];
}

export function funnelOption(steps: readonly FunnelStep[], locale: string): ChartOption {
  const label = (s: FunnelStep): string => {
    const rate = s.rate === null ? '' : `  ${formatPercent(s.rate, locale).text}%`;
    return `${s.name}  ${formatCount(s.value, locale)}${rate}`;
  };
  return {
    animation: false,
    tooltip: { show: false },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '1%',
        width: '50%',
        top: 4,
        bottom: 4,
        minSize: '18%',
        gap: 4,
        // Labels beside the funnel: the narrow steps are too small to write in.
        label: {
          show: true,
          position: 'right',
          color: PALETTE.text,
          fontSize: 22,
          fontWeight: 'bold',
        },
        labelLine: { show: true, lineStyle: { color: PALETTE.grid } },
        itemStyle: { borderWidth: 0 },
        data: steps.map((s, i) => ({
          name: s.name,
          // ECharts sizes by value; a zero step keeps a sliver so its label stays readable.
          value: s.value,
          label: { formatter: label(s) },
          itemStyle: { color: PALETTE.series[i % PALETTE.series.length] },
        })),
      },
    ],
  };
}
