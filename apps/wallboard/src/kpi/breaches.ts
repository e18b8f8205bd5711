import type { Tile, WallboardPage, WallboardTenantView } from '@mieruka/contracts';
import type { RoomView } from '../composables/useLiveRooms';
import { isNumberTile, readTile } from './readings';
import { tileStatus } from './status';
import { longestWaitNow } from './waiting';

/** A tile in alert, wherever its page is in the rotation. */
export interface Breach {
  /** Unique on the wallboard: `page.tile`. */
  readonly key: string;
  readonly page: number;
  readonly tile: Tile;
  /** The value that crossed the threshold, as the tile reads it (null never breaches). */
  readonly value: number;
}

export interface BreachContext {
  readonly rooms: ReadonlyMap<string, RoomView>;
  readonly tenant: WallboardTenantView;
  /** This screen's monotonic clock (`performance.now()`), which ticks the longest wait. */
  readonly now: number;
  /** A stale screen stops ticking the wait, as the waiting tile does. */
  readonly stale: boolean;
}

/**
 * The value a tile's thresholds apply to — the same the tile itself reads: a number tile's
 * KPI, the waiting tile's longest wait, the agents tile's number available. Panels have none.
 */
export function thresholdValue(tile: Tile, context: BreachContext): number | null {
  const room = context.rooms.get(tile.scope);
  if (!room) return null;
  if (isNumberTile(tile.kind)) {
    return readTile(tile.kind, room.snapshot, tile.window, {
      locale: 'en-US',
      tenant: context.tenant,
    }).value;
  }
  if (tile.kind === 'waiting') {
    return context.stale
      ? (room.snapshot.live.longestWaitMs ?? 0)
      : (longestWaitNow(room, context.now) ?? 0);
  }
  if (tile.kind === 'agents') return room.snapshot.live.agents.available;
  return null;
}

/** Every tile of every page whose value is past its alert threshold, in page and tile order. */
export function findBreaches(pages: readonly WallboardPage[], context: BreachContext): Breach[] {
  const found: Breach[] = [];
  pages.forEach((page, p) =>
    page.tiles.forEach((tile, i) => {
      if (!tile.thresholds) return;
      const value = thresholdValue(tile, context);
      if (value !== null && tileStatus(value, tile.thresholds) === 'alert') {
        found.push({ key: `${p}.${i}`, page: p, tile, value });
      }
    }),
  );
  return found;
}

/**
 * The keys of sound tiles that have just entered alert (were not in `before`): one beep per
 * breach, however many pages away the tile is, and none while it stays in alert.
 */
export function newlyLoud(breaches: readonly Breach[], before: ReadonlySet<string>): string[] {
  return breaches.filter((b) => b.tile.sound && !before.has(b.key)).map((b) => b.key);
}
