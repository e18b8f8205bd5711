import type { Tile, TrendSeries } from '@mieruka/contracts';
import { isNumberTile, type NumberTileKind } from './readings';

/**
 * The window field each number tile reads (readings.ts), as the server's trend lines name it:
 * a KPI's tile is named by its key; the appointments are a disposition.
 */
const windowKey = (kind: NumberTileKind): string =>
  kind === 'appointments' ? 'dispositions.appointment' : kind;

/**
 * The trend line a tile draws, to ask the server for its last hour on joining: a number tile's
 * KPI in its window, the waiting tile's calls waiting. Other tiles draw none.
 */
export function tileSeries(tile: Tile): TrendSeries | undefined {
  if (tile.kind === 'waiting') return { window: 'live', key: 'inQueue' };
  return isNumberTile(tile.kind) ? { window: tile.window, key: windowKey(tile.kind) } : undefined;
}
