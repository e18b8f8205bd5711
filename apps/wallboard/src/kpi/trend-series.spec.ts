import { describe, expect, it } from '@jest/globals';
import type { LiveSnapshot, Tile, WallboardTenantView } from '@mieruka/contracts';
import { NUMBER_TILES, readTile } from './readings';
import { tileSeries } from './trend-series';

const tenant: WallboardTenantView = {
  id: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  serviceLevel: { variant: 'answered_only', thresholdMs: 20000, shortAbandonMs: 5000 },
  orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
};

/** A field's value by its dotted path, as the server's trend recorder reads it. */
function at(root: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], root);
}

describe('the trend line of each tile', () => {
  it('names the very number the tile shows, for every number tile', () => {
    // Every field a distinct number, so a line naming the wrong field cannot pass.
    let n = 0;
    const fields: Record<string, unknown> = { dispositions: { appointment: 977 } };
    const window = new Proxy(fields, {
      get: (target, key: string): unknown => (target[key] ??= ++n + 0.5),
    });
    const snapshot = { windows: { rolling60: window }, live: {} } as unknown as LiveSnapshot;
    for (const kind of NUMBER_TILES) {
      const tile = { kind, scope: 'tenant', window: 'rolling60', sound: false, span: 1 } as Tile;
      const series = tileSeries(tile)!;
      expect(series.window).toBe('rolling60');
      const shown = readTile(kind, snapshot, 'rolling60', { locale: 'en-US', tenant }).value;
      expect([kind, at(window, series.key)]).toEqual([kind, shown]);
    }
  });

  it('draws calls waiting for the waiting tile, and nothing for panels', () => {
    const tile = (kind: Tile['kind']) =>
      ({ kind, scope: 'tenant', window: 'today', sound: false, span: 1 }) as Tile;
    expect(tileSeries(tile('waiting'))).toEqual({ window: 'live', key: 'inQueue' });
    expect(tileSeries(tile('kgis'))).toBeUndefined();
    expect(tileSeries(tile('agentGrid'))).toBeUndefined();
  });
});
