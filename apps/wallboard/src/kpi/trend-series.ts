import type { Tile, TrendSeries } from '@mieruka/contracts';
import type { NumberTileKind } from './readings';

/** The window field each number tile reads (readings.ts), as the server's trend lines name it. */
const WINDOW_KEYS: Record<NumberTileKind, string> = {
  serviceLevel: 'serviceLevel',
  asa: 'asaMs',
  abandonRate: 'abandonRate',
  aht: 'ahtMs',
  answered: 'answered',
  dials: 'dialed',
  connectRate: 'connectRate',
  conversion: 'conversionRate',
  appointments: 'dispositions.appointment',
  orders: 'orders',
  revenue: 'revenue',
  aov: 'aov',
  fcr: 'fcr',
  occupancy: 'occupancy',
};

/**
 * The trend line a tile draws, to ask the server for its last hour on joining: a number tile's
 * KPI in its window, the waiting tile's calls waiting. Other tiles draw none.
 */
export function tileSeries(tile: Tile): TrendSeries | undefined {
  if (tile.kind === 'waiting') return { window: 'live', key: 'inQueue' };
  const key = (WINDOW_KEYS as Partial<Record<string, string>>)[tile.kind];
  return key === undefined ? undefined : { window: tile.window, key };
}
