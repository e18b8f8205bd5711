import { computed, ref, watch, type Ref } from 'vue';
import type { Wallboard } from '@mieruka/contracts';
import { wallboardFloorScopes, wallboardScopes } from '@mieruka/contracts/values';
import { campaignRoomScopes } from '../live/campaign-rooms';
import { trendSeriesByScope } from '../live/tile-trends';
import { useLiveRooms, type LiveRooms } from './useLiveRooms';

/**
 * The live rooms a wallboard needs: its tiles' scopes, agents one by one and callers only where
 * a floor tile shows them, the trend lines its tiles draw, and — for a tenant funnel — one room
 * per campaign, learnt from the tenant's lists as they arrive.
 */
export function useWallboardRooms(wallboard: Ref<Wallboard | undefined>): LiveRooms {
  const tenant = computed(() => wallboard.value?.tenant ?? null);
  const layoutScopes = computed(() => (wallboard.value ? wallboardScopes(wallboard.value) : []));
  const campaignScopes = ref<string[]>([]);
  const scopes = computed(() => [...new Set([...layoutScopes.value, ...campaignScopes.value])]);
  const floorScopes = computed(() =>
    wallboard.value ? wallboardFloorScopes(wallboard.value) : [],
  );
  const trendSeries = computed(() => trendSeriesByScope(wallboard.value?.pages ?? []));

  const live = useLiveRooms(tenant, scopes, floorScopes, trendSeries);
  watch(live.rooms, (rooms) => {
    const next = campaignRoomScopes(
      wallboard.value,
      rooms.get('tenant')?.snapshot.lists,
      layoutScopes.value.length,
    );
    // The set changes only when a campaign loads its first list: the same set keeps the socket.
    if (next && next.join('\n') !== campaignScopes.value.join('\n')) campaignScopes.value = next;
  });
  return live;
}
