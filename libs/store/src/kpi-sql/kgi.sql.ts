import type { Kgi, WindowKpis } from '@mieruka/contracts';

/**
 * KGIs as spans of the span query: KGI number i is the span `kgi<i>`, whose events are those
 * with periodStart ≤ t ≤ at — i.e. strictly after periodStart − 1 ms, as occurred_at has
 * millisecond precision.
 */
export const kgiSpanName = (index: number) => `kgi${index}`;
export const kgiSpanAfter = (periodStart: number) => periodStart - 1;

/** The event types each KGI metric counts (besides the windows, which read every type). */
export function kgiEventTypes(metric: Kgi['metric']): string[] {
  switch (metric) {
    case 'revenue':
    case 'netOrders':
      return ['order.confirmed', 'order.cancelled'];
    case 'orders':
      return ['order.confirmed'];
    case 'answered':
    case 'connectedOutbound':
      return ['call.connected'];
    case 'paidOrders':
      return ['order.paid'];
    case 'shippedOrders':
      return ['order.shipped'];
    default:
      return ['call.wrapped'];
  }
}

/**
 * A KGI's `actual` (docs/kpis.md, KGIs): its metric, read from the values SQL computed over the
 * KGI's span. Nothing is computed here — each metric is one value of the span's row.
 */
export function kgiActual(metric: Kgi['metric'], span: WindowKpis): number {
  switch (metric) {
    case 'revenue':
    case 'orders':
    case 'netOrders':
    case 'answered':
    case 'connectedOutbound':
    case 'wrapped':
    case 'paidOrders':
    case 'shippedOrders':
      return span[metric];
    default:
      if (!metric.startsWith('disposition:')) throw new Error(`unknown KGI metric ${metric}`);
      return span.dispositions[metric.slice('disposition:'.length)] ?? 0;
  }
}
