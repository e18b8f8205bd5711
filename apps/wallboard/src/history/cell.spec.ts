import { describe, expect, it } from '@jest/globals';
import type { KpiHistoryRow } from '@mieruka/contracts';
import { historyCell } from './cell';

const row = {
  key: 'a1',
  kpis: { answered: 1234, ahtMs: 185_000, fcr: 0.825, revenue: 12800 },
} as unknown as KpiHistoryRow;

describe('the agents’ table cells', () => {
  it('shows the key, and each KPI in its unit and the page’s locale', () => {
    expect(historyCell('key', row, 'ja-JP', 'JPY')).toBe('a1');
    expect(historyCell('answered', row, 'en-US', 'JPY')).toBe('1,234');
    expect(historyCell('ahtMs', row, 'en-US', 'JPY')).toMatch(/3:05/);
    expect(historyCell('fcr', row, 'en-US', 'JPY')).toMatch(/^82\.5\s?%$/);
    expect(historyCell('revenue', row, 'ja-JP', 'JPY')).toMatch(/12,800/);
  });
});
