import type { ListProgress, WindowKpis } from '@mieruka/contracts';
import type { FunnelStep } from '../charts/funnel';

/**
 * The business-flow funnel of one campaign (docs/wallboard.md, One funnel per campaign):
 * registered → worked → contacted from its lists, then appointments and orders from the
 * campaign scope's own window — never the tenant's, where inbound orders would sit under an
 * outbound funnel. Each rate compares like with like: worked and contacted over the lists'
 * life (progress, contact rate), appointments and orders over the window's outbound connects.
 */
export interface FunnelLabels {
  readonly registered: string;
  readonly worked: string;
  readonly contacted: string;
  readonly appointments: string;
  readonly orders: string;
}

export function campaignFunnelSteps(
  lists: readonly ListProgress[],
  w: WindowKpis,
  labels: FunnelLabels,
): FunnelStep[] {
  const sum = (key: 'registered' | 'worked' | 'contacted'): number =>
    lists.reduce((n, l) => n + l[key], 0);
  const registered = sum('registered');
  const worked = sum('worked');
  const contacted = sum('contacted');
  const appointments = w.dispositions['appointment'] ?? 0;
  const ofConnects = (n: number): number | null =>
    w.connectedOutbound > 0 ? n / w.connectedOutbound : null;
  return [
    { name: labels.registered, value: registered, rate: null },
    { name: labels.worked, value: worked, rate: registered > 0 ? worked / registered : null },
    { name: labels.contacted, value: contacted, rate: worked > 0 ? contacted / worked : null },
    { name: labels.appointments, value: appointments, rate: ofConnects(appointments) },
    { name: labels.orders, value: w.orders, rate: ofConnects(w.orders) },
  ];
}

/** Funnels a tenant funnel tile draws side by side at most (each is a campaign room joined). */
export const CAMPAIGN_FUNNELS_MAX = 4;

/**
 * The campaigns a tenant funnel draws: those with a list in the tenant's snapshot, by name,
 * so the set (and the rooms joined for it) changes only when a campaign loads its first list;
 * the rest counted as "+N". `room` is how many more rooms the screen may join.
 */
export function funnelCampaigns(
  lists: readonly ListProgress[],
  room = CAMPAIGN_FUNNELS_MAX,
): { campaigns: string[]; more: number } {
  const all = [...new Set(lists.map((l) => l.campaign))].sort();
  const shown = Math.max(0, Math.min(room, CAMPAIGN_FUNNELS_MAX));
  return { campaigns: all.slice(0, shown), more: all.length - Math.min(all.length, shown) };
}

/** The scope of a campaign's room. */
export const campaignScope = (campaign: string): string => `campaign:${campaign}`;
