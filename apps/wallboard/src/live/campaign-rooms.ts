import type { ListProgress, Wallboard } from '@mieruka/contracts';
import { wallboardCampaignFunnels } from '@mieruka/contracts/values';
import { campaignScope, funnelCampaigns } from '../kpi/campaign-funnel';

/** Rooms one socket carries (the server refuses more). */
export const ROOMS_PER_SOCKET = 32;

/**
 * The campaign rooms a tenant funnel needs besides the layout's own: one per campaign with a
 * list in the tenant's snapshot, in the rooms left. Undefined when it cannot tell yet (no
 * layout, no tenant funnel, no tenant snapshot): the rooms joined stay as they are.
 */
export function campaignRoomScopes(
  wallboard: Wallboard | undefined,
  tenantLists: readonly ListProgress[] | undefined,
  layoutScopeCount: number,
): string[] | undefined {
  if (!wallboard || !wallboardCampaignFunnels(wallboard) || !tenantLists) return undefined;
  const room = ROOMS_PER_SOCKET - layoutScopeCount;
  return funnelCampaigns(tenantLists, room).campaigns.map(campaignScope);
}
