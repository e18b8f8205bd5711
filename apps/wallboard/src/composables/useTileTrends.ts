import { ref, watch, type Ref } from 'vue';
import type { Tile, WallboardAnswer } from '@mieruka/contracts';
import { mergeServerTrends, sampleTrends, tileTrendKey } from '../live/tile-trends';
import { TrendBook, type TrendPoint } from '../live/trend';
import type { LiveRooms } from './useLiveRooms';

/**
 * Each tile's trend line: sampled from every snapshot, bounded per tile, over the server's last
 * hour from each join's answer. Returns the points of a tile, re-read when a sample is added.
 */
export function useTileTrends(
  answer: Ref<WallboardAnswer | null>,
  live: Pick<LiveRooms, 'rooms' | 'trends'>,
): (tile: Tile) => readonly TrendPoint[] {
  const book = new TrendBook();
  const version = ref(0);
  watch(live.rooms, (rooms) => {
    const view = answer.value;
    if (!view) return;
    sampleTrends(book, view.wallboard.pages, rooms, view.tenant);
    version.value++;
  });
  watch(live.trends, (byScope) => {
    mergeServerTrends(book, answer.value?.wallboard.pages ?? [], byScope);
    version.value++;
  });
  return (tile) => {
    void version.value; // re-read when a sample was added
    return book.line(tileTrendKey(tile)).values();
  };
}
