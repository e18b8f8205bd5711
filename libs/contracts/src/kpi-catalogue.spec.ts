import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { windowKpisSchema } from './kpi-snapshot';
import {
  COUNT_KPIS,
  DIMENSION_LABELS,
  HISTORY_KPIS,
  KPI_CATALOGUE,
  KPI_KEYS,
  KPI_LABELS,
  KPI_TILES,
  KPI_UNITS,
  LANGUAGES,
  RATIO_KPIS,
  TILE_KINDS,
  WEEKDAY_LABELS,
  type KpiKind,
} from './kpi-catalogue';

/** The kind a value of the snapshot's schema has: what the catalogue must say of it. */
function schemaKind(schema: z.ZodType): KpiKind {
  if (schema instanceof z.ZodRecord) return 'breakdown';
  if (schema instanceof z.ZodNullable) return 'ratio';
  return schema instanceof z.ZodNumber && schema.isInt ? 'count' : 'total';
}

describe('the KPI catalogue', () => {
  // A KPI added to windowKpisSchema fails here until kpi-catalogue.ts has its entry, and an
  // entry without a value in the snapshot fails too: every list of KPIs is derived from it.
  it('has an entry for every value of a snapshot window and no other, in the schema order', () => {
    expect(KPI_KEYS).toEqual(Object.keys(windowKpisSchema.shape));
  });

  it('says of each KPI what the snapshot schema says: a count, a total, a ratio or a breakdown', () => {
    const shape = windowKpisSchema.shape as Record<string, z.ZodType>;
    const wrong = KPI_KEYS.filter((key) => KPI_CATALOGUE[key].kind !== schemaKind(shape[key]!));
    expect(wrong).toEqual([]);
    expect(COUNT_KPIS).toContain('offered');
    expect(RATIO_KPIS).toContain('asaMs');
    expect([...COUNT_KPIS, ...RATIO_KPIS]).not.toContain('revenue');
  });

  it('charts every value of a history row but the breakdowns, in the order of the schema', () => {
    const keys = Object.keys(windowKpisSchema.shape).filter(
      (k) => k !== 'dispositions' && k !== 'dialOutcomes',
    );
    expect([...HISTORY_KPIS]).toEqual(keys);
    expect(Object.keys(KPI_UNITS)).toEqual(keys);
    expect(KPI_UNITS.asaMs).toBe('ms');
    expect(KPI_UNITS.revenue).toBe('money');
  });

  it('names only tiles that exist, and gives a KPI’s own tile the KPI’s key', () => {
    const unknown = KPI_KEYS.flatMap((key) =>
      KPI_CATALOGUE[key].tiles.filter((tile) => !(TILE_KINDS as readonly string[]).includes(tile)),
    );
    expect(unknown).toEqual([]);
    expect(KPI_TILES).toEqual(
      expect.arrayContaining(['asaMs', 'ahtMs', 'dialed', 'conversionRate']),
    );
    for (const kpi of KPI_TILES) expect(TILE_KINDS).toContain(kpi);
    // A tile kind that is a KPI's key shows that KPI.
    for (const kind of TILE_KINDS) {
      if (kind in KPI_CATALOGUE) {
        expect([kind, KPI_CATALOGUE[kind as keyof typeof KPI_CATALOGUE].tiles]).toEqual([
          kind,
          expect.arrayContaining([kind]),
        ]);
      }
    }
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

  it('is the table of docs/kpis.md (The catalogue), row for row', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'kpis.md'), 'utf8');
    const section = doc.split('## The catalogue')[1]?.split('\n## ')[0] ?? '';
    const code = (cell: string) => cell.replace(/`/g, '').trim();
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').slice(1, -1));
    expect(
      rows.map(([key, kind, , fold, sql, tiles]) => [
        code(key!),
        code(kind!),
        code(fold!),
        code(sql!),
        tiles!.trim() === '—' ? [] : tiles!.split(',').map(code),
      ]),
    ).toEqual(
      KPI_KEYS.map((key) => {
        const { kind, fold, sql, tiles } = KPI_CATALOGUE[key];
        return [key, kind, fold, sql, [...tiles]];
      }),
    );
  });
});
