import { describe, expect, it } from '@jest/globals';
import type { LiveSnapshot, Tile, WallboardPage, WallboardTenantView } from '@mieruka/contracts';
import { trendSeriesName } from '@mieruka/contracts/values';
import { tileSeries } from '../kpi/trend-series';
import {
  mergeServerTrends,
  sampleTrends,
  tileSample,
  tileTrendKey,
  trendSeriesByScope,
} from './tile-trends';
import { TrendBook } from './trend';

const tenant: WallboardTenantView = {
  id: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  serviceLevel: { variant: 'answered_only', thresholdMs: 20000, shortAbandonMs: 5000 },
  orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
};
const tile = (extra: Partial<Tile>): Tile => ({
  kind: 'answered',
  scope: 'tenant',
  window: 'today',
  sound: false,
  span: 1,
  ...extra,
});
const page = (...tiles: Tile[]): WallboardPage => ({ columns: 4, tiles });
const snapshot = (answered: number, inQueue: number): LiveSnapshot =>
  ({ windows: { today: { answered } }, live: { inQueue } }) as unknown as LiveSnapshot;

describe('the trend lines a wallboard asks for', () => {
  it('lists each series once per scope, across pages, and none for panels', () => {
    const pages = [
      page(tile({}), tile({ kind: 'waiting' }), tile({ kind: 'kgis' })),
      page(tile({}), tile({ scope: 'queue:sales' })),
    ];
    const byScope = trendSeriesByScope(pages);
    const names = (scope: string) => (byScope.get(scope) ?? []).map(trendSeriesName);
    expect([...byScope.keys()]).toEqual(['tenant', 'queue:sales']);
    expect(names('tenant')).toEqual(
      [tileSeries(tile({}))!, tileSeries(tile({ kind: 'waiting' }))!].map(trendSeriesName),
    );
    expect(names('queue:sales')).toEqual([trendSeriesName(tileSeries(tile({}))!)]);
  });
});

describe('sampling the tiles', () => {
  it('reads a number tile and the calls waiting, and nothing from a panel', () => {
    expect(tileSample(tile({}), snapshot(42, 3), tenant)).toBe(42);
    expect(tileSample(tile({ kind: 'waiting' }), snapshot(42, 3), tenant)).toBe(3);
    expect(tileSample(tile({ kind: 'kgis' }), snapshot(42, 3), tenant)).toBeUndefined();
  });

  it('adds a point per tile with a room, and drops the lines of tiles gone', () => {
    const book = new TrendBook();
    const answered = tile({});
    const waiting = tile({ kind: 'waiting', scope: 'queue:sales' });
    const rooms = new Map([
      ['tenant', { snapshot: snapshot(5, 0), serverTime: 1_000 }],
      ['queue:sales', { snapshot: snapshot(0, 2), serverTime: 1_000 }],
    ]);
    sampleTrends(book, [page(answered, waiting)], rooms, tenant);
    expect(book.line(tileTrendKey(answered)).values()).toEqual([[1_000, 5]]);
    expect(book.line(tileTrendKey(waiting)).values()).toEqual([[1_000, 2]]);

    sampleTrends(book, [page(answered)], new Map([['tenant', rooms.get('tenant')!]]), tenant);
    expect(book.size).toBe(1);
  });

  it('merges the server hour under the line of the tile that asked for it', () => {
    const book = new TrendBook();
    const answered = tile({});
    const name = trendSeriesName(tileSeries(answered)!);
    const byScope = new Map([['tenant', { [name]: [[0, 7] as [number, number | null]] }]]);
    mergeServerTrends(book, [page(answered)], byScope);
    expect(book.line(tileTrendKey(answered)).values()).toEqual([[0, 7]]);
    expect(book.size).toBe(1);
  });
});
