import { computed, type Ref } from 'vue';
import { formatClock } from '../kpi/format';
import type { LiveRooms } from './useLiveRooms';

/** The centre's time (HH:MM), from the server's clock in the tenant's zone: never this TV's clock or zone. */
export function useCentreClock(
  timeZone: Ref<string | undefined>,
  live: Pick<LiveRooms, 'serverClock' | 'lastFreshAt'>,
  now: Ref<number>,
): Readonly<Ref<string>> {
  return computed(() => {
    // Re-read every tick and at every message (the server clock is not reactive); read at the
    // instant itself, as the last tick may be older than the message just learnt from.
    void now.value;
    void live.lastFreshAt.value;
    const at = live.serverClock.now(performance.now());
    return timeZone.value && at !== null ? formatClock(at, timeZone.value).slice(0, 5) : '--:--';
  });
}
