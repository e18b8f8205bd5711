import { describe, expect, it } from '@jest/globals';
import { TILE_KINDS } from '@mieruka/contracts';
import { HISTORY_KPIS } from '../kpi/kpi-keys';
import { en } from './en';
import { ja } from './ja';

/** Every leaf key of a message tree, `a.b.c`. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
/** Placeholders `{name}` of a message. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has the same keys in Japanese and English, none empty', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
    const leaf = (tree: object, path: string): unknown =>
      path.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown>)[k], tree);
    for (const key of keys(en)) {
      // Deliberately empty: no status has no word; English counts orders without a unit.
      if (key === 'status.none' || key === 'units.items') continue;
      expect([key, leaf(en, key)]).not.toEqual([key, '']);
      expect([key, leaf(ja, key)]).not.toEqual([key, '']);
      expect([key, placeholders(String(leaf(ja, key)))]).toEqual([
        key,
        placeholders(String(leaf(en, key))),
      ]);
    }
  });

  it('names every tile kind and every history KPI', () => {
    for (const kind of TILE_KINDS) expect(en.tiles[kind]).toBeTruthy();
    for (const kpi of HISTORY_KPIS) expect(ja.kpis[kpi]).toBeTruthy();
  });
});
