import type { AlertMetric, KpiSnapshot } from '@mieruka/contracts';

/**
 * The number a rule watches, read from the snapshot by its path (`windows.today.abandonRate`,
 * `orders.stuck`). Null when the snapshot has none (a ratio with nothing to divide by): a
 * rule then neither breaches nor clears.
 */
export function readMetric(
  snapshot: Pick<KpiSnapshot, 'windows' | 'live' | 'orders'>,
  metric: AlertMetric,
): number | null {
  let value: unknown = snapshot;
  for (const key of metric.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
