import type { RoomView } from '../composables/useLiveRooms';

/**
 * The longest wait now: the server's value when the snapshot was taken plus the time since it
 * arrived, on this screen's monotonic clock. The server sends no update while only the clock
 * moves, so the client ticks it — with elapsed time, not the TV's wall clock (often wrong).
 * Null when nobody waits.
 */
export function longestWaitNow(room: RoomView | undefined, now: number): number | null {
  const wait = room?.snapshot.live.longestWaitMs;
  if (room === undefined || wait === null || wait === undefined) return null;
  return wait + Math.max(0, now - room.receivedAt);
}
