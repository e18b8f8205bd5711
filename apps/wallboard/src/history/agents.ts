import type { KpiHistoryRow } from '@mieruka/contracts';
import type { AgentColumn } from './view';

/** Agent rows sorted by a column; a value that does not exist (no calls) sorts last either way. */
export function sortAgentRows(
  rows: readonly KpiHistoryRow[],
  column: AgentColumn,
  dir: 'asc' | 'desc',
): KpiHistoryRow[] {
  const value = (row: KpiHistoryRow): number | string | null =>
    column === 'key' ? row.key : row.kpis[column];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'string' || typeof y === 'string')
      return sign * String(x).localeCompare(String(y));
    return sign * (x - y) || a.key.localeCompare(b.key);
  });
}
