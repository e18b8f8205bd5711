import { describe, expect, it } from '@jest/globals';
import type { ListProgress, WindowKpis } from '@mieruka/contracts';
import { campaignFunnelSteps, funnelCampaigns } from './campaign-funnel';

const list = (
  listId: string,
  campaign: string,
  registered: number,
  worked: number,
  contacted: number,
): ListProgress => ({
  listId,
  campaign,
  registered,
  worked,
  attempts: worked,
  contacted,
  progress: worked / registered,
  contactRate: worked > 0 ? contacted / worked : null,
  remaining: registered - worked,
});
const labels = {
  registered: 'registered',
  worked: 'worked',
  contacted: 'contacted',
  appointments: 'appointments',
  orders: 'orders',
};

describe('one funnel per campaign', () => {
  it('adds up the campaign’s lists, then its own appointments and orders over its connects', () => {
    const w = {
      connectedOutbound: 20,
      orders: 2,
      dispositions: { appointment: 5 },
    } as unknown as WindowKpis;
    const steps = campaignFunnelSteps(
      [list('L1', 'smb', 100, 40, 10), list('L2', 'smb', 100, 10, 5)],
      w,
      labels,
    );
    expect(steps.map((s) => [s.name, s.value, s.rate])).toEqual([
      ['registered', 200, null],
      ['worked', 50, 0.25],
      ['contacted', 15, 0.3],
      ['appointments', 5, 0.25],
      ['orders', 2, 0.1],
    ]);
  });

  it('has no rate over nothing', () => {
    const w = { connectedOutbound: 0, orders: 0, dispositions: {} } as unknown as WindowKpis;
    expect(campaignFunnelSteps([], w, labels).every((s) => s.rate === null)).toBe(true);
  });

  it('draws the campaigns with lists by name, as many as there is room for, then +N', () => {
    const lists = [
      list('a', 'zeta', 1, 0, 0),
      list('b', 'alpha', 1, 0, 0),
      list('c', 'alpha', 1, 0, 0),
      list('d', 'mid', 1, 0, 0),
    ];
    expect(funnelCampaigns(lists)).toEqual({ campaigns: ['alpha', 'mid', 'zeta'], more: 0 });
    expect(funnelCampaigns(lists, 2)).toEqual({ campaigns: ['alpha', 'mid'], more: 1 });
    expect(funnelCampaigns(lists, -3)).toEqual({ campaigns: [], more: 3 });
  });
});
