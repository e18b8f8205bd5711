import { startOfLocalDay } from '@mieruka/kpi';

/**
 * The range [from, to) in epoch ms a history request asks for: `from` defaults to local
 * midnight today, `to` to now; events exist only up to now, so a range reaching further ends
 * at now (+1 ms: the end is exclusive).
 */
export function historyRange(
  query: { readonly from?: string | undefined; readonly to?: string | undefined },
  now: number,
  timeZone: string,
): { from: number; to: number } {
  const to = Math.min(query.to ? Date.parse(query.to) : now + 1, now + 1);
  const from = query.from ? Date.parse(query.from) : startOfLocalDay(now, timeZone);
  return { from, to };
}
