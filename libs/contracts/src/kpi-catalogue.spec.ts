import { windowKpisSchema } from './kpi-snapshot';
import {
  DIMENSION_LABELS,
  HISTORY_KPIS,
  KPI_LABELS,
  KPI_UNITS,
  LANGUAGES,
  WEEKDAY_LABELS,
} from './kpi-catalogue';

describe('the KPI catalogue', () => {
  // A KPI added to windowKpisSchema fails here until kpi-catalogue.ts has its unit and names:
  // the CSV export and the drill-down read them from this table.
  it('has every value of a history row but the breakdowns, in the order of the schema', () => {
    const keys = Object.keys(windowKpisSchema.shape).filter(
      (k) => k !== 'dispositions' && k !== 'dialOutcomes',
    );
    expect([...HISTORY_KPIS]).toEqual(keys);
    expect(Object.keys(KPI_UNITS)).toEqual(keys);
  });

  it('names every KPI, dimension and weekday in every language, no name twice', () => {
    for (const language of LANGUAGES) {
      const names = HISTORY_KPIS.map((kpi) => KPI_LABELS[language][kpi]);
      expect(names.every((name) => name.trim().length > 0)).toBe(true);
      expect(new Set(names).size).toBe(names.length);
      expect(Object.keys(DIMENSION_LABELS[language])).toEqual([
        'queue',
        'campaign',
        'team',
        'agent',
      ]);
      expect(Object.keys(WEEKDAY_LABELS[language])).toHaveLength(7);
    }
  });
});
