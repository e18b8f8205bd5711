import type {
  LiveSnapshot,
  Tile,
  TrendSeries,
  WallboardPage,
  WallboardTenantView,
} from '@mieruka/contracts';
import { trendSeriesName } from '@mieruka/contracts/values';
import { isNumberTile, readTile } from '../kpi/readings';
import { tileSeries } from '../kpi/trend-series';
import type { TrendBook, TrendPoint } from './trend';

/** A tile's own line in the book: two tiles of the same number share it. */
export const tileTrendKey = (tile: Tile): string => `${tile.kind}|${tile.scope}|${tile.window}`;

/** The trend lines the tiles draw, by scope, each once: what a join asks the server's last hour of. */
export function trendSeriesByScope(
  pages: readonly WallboardPage[],
): Map<string, readonly TrendSeries[]> {
  const byScope = new Map<string, TrendSeries[]>();
  for (const tile of pages.flatMap((p) => p.tiles)) {
    const series = tileSeries(tile);
    if (!series) continue;
    const list = byScope.get(tile.scope) ?? [];
    if (!list.some((s) => trendSeriesName(s) === trendSeriesName(series))) list.push(series);
    byScope.set(tile.scope, list);
  }
  return byScope;
}

/** The value a tile's line samples from a snapshot; undefined for a tile that draws no line. */
export function tileSample(
  tile: Tile,
  snapshot: LiveSnapshot,
  tenant: WallboardTenantView,
): number | null | undefined {
  if (isNumberTile(tile.kind)) {
    // The value is locale-free; the locale only shapes the text, which is not kept.
    return readTile(tile.kind, snapshot, tile.window, { locale: 'en-US', tenant }).value;
  }
  return tile.kind === 'waiting' ? snapshot.live.inQueue : undefined;
}

/** A room as sampling needs it: its snapshot and the server time it was taken at. */
export interface SampledRoom {
  readonly snapshot: LiveSnapshot;
  readonly serverTime: number;
}

/** Adds every tile's sample of the rooms to its line; lines of tiles gone are dropped. */
export function sampleTrends(
  book: TrendBook,
  pages: readonly WallboardPage[],
  rooms: ReadonlyMap<string, SampledRoom>,
  tenant: WallboardTenantView,
): void {
  const keys: string[] = [];
  for (const tile of pages.flatMap((p) => p.tiles)) {
    const room = rooms.get(tile.scope);
    const value = room && tileSample(tile, room.snapshot, tenant);
    if (!room || value === undefined) continue;
    keys.push(tileTrendKey(tile));
    book.line(tileTrendKey(tile)).add(room.serverTime, value);
  }
  book.retain(keys);
}

/** The server's last hour of each tile's line (by scope and series name), merged under the samples. */
export function mergeServerTrends(
  book: TrendBook,
  pages: readonly WallboardPage[],
  byScope: ReadonlyMap<string, Readonly<Record<string, readonly TrendPoint[]>>>,
): void {
  for (const tile of pages.flatMap((p) => p.tiles)) {
    const series = tileSeries(tile);
    const points = series && byScope.get(tile.scope)?.[trendSeriesName(series)];
    if (points) book.line(tileTrendKey(tile)).merge(points);
  }
}
