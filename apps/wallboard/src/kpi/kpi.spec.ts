import { describe, expect, it } from '@jest/globals';
import type {
  KgiProgress,
  LiveSnapshot,
  WallboardTenantView,
  WindowKpis,
} from '@mieruka/contracts';
import {
  formatClock,
  formatCount,
  formatDecimal,
  formatDuration,
  formatMoney,
  formatPercent,
  formatSeconds,
} from './format';
import { formatKgiValue, kgiBar, kgiName } from './kgi';
import { chartValue } from './kpi-keys';
import { NUMBER_TILES, readTile } from './readings';
import { tileStatus } from './status';
import { longestWaitNow } from './waiting';

describe('formatting per locale', () => {
  it('groups counts and writes percentages with one decimal, "—" for what does not exist', () => {
    expect(formatCount(1431, 'ja-JP')).toBe('1,431');
    expect(formatCount(null, 'en-US')).toBe('—');
    expect(formatPercent(0.54185, 'ja-JP')).toEqual({ text: '54.2', unit: '%' });
    expect(formatPercent(null, 'en-US')).toEqual({ text: '—', unit: '' });
    expect(formatDecimal(4.3333, 'en-US')).toBe('4.3');
  });

  it('writes yen without decimals, in each language’s own way', () => {
    expect(formatMoney(5167620, 'ja-JP', 'JPY')).toBe('￥5,167,620');
    expect(formatMoney(5167620, 'en-US', 'JPY')).toBe('¥5,167,620');
    expect(formatMoney(18195.84, 'en-US', 'JPY')).toBe('¥18,196');
    expect(formatMoney(12.5, 'en-US', 'USD')).toBe('$12.50');
  });

  it('writes times as seconds or m:ss, and the clock in 24 hours', () => {
    expect(formatSeconds(15918.7, 'en-US')).toBe('16');
    expect(formatDuration(230555.8)).toBe('3:50');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('—');
  });

  it("writes the clock in the tenant's zone, whatever this screen's", () => {
    const at = Date.parse('2026-11-24T05:02:31Z');
    expect(formatClock(at, 'Asia/Tokyo')).toBe('14:02:31');
    expect(formatClock(at, 'UTC')).toBe('05:02:31');
    // Midnight is 00, never 24; a DST change moves the clock, not the instant.
    expect(formatClock(Date.parse('2026-12-05T15:00:00Z'), 'Asia/Tokyo')).toBe('00:00:00');
    expect(formatClock(Date.parse('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('01:30:00');
    expect(formatClock(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('01:30:00');
    expect(formatClock(Date.parse('2026-11-01T07:30:00Z'), 'America/New_York')).toBe('02:30:00');
  });
});

describe('tileStatus', () => {
  it('reads higher-is-better thresholds (ok ≥ warn)', () => {
    const sl = { ok: 0.8, warn: 0.6 };
    expect(tileStatus(0.8, sl)).toBe('ok');
    expect(tileStatus(0.7, sl)).toBe('warn');
    expect(tileStatus(0.59, sl)).toBe('alert');
  });

  it('reads lower-is-better thresholds (ok < warn)', () => {
    const asa = { ok: 20_000, warn: 40_000 };
    expect(tileStatus(20_000, asa)).toBe('ok');
    expect(tileStatus(40_000, asa)).toBe('warn');
    expect(tileStatus(40_001, asa)).toBe('alert');
  });

  it('has no status without thresholds or without a value', () => {
    expect(tileStatus(0.1)).toBe('none');
    expect(tileStatus(null, { ok: 0.8, warn: 0.6 })).toBe('none');
  });
});

const today: WindowKpis = {
  offered: 922,
  answered: 663,
  answeredInSL: 479,
  abandoned: 255,
  shortAbandoned: 34,
  abandonedCallerHangup: 230,
  abandonedTimeout: 20,
  abandonedKey: 3,
  abandonedEmpty: 2,
  abandonedOther: 0,
  dialed: 1431,
  connectedOutbound: 435,
  failedDials: 996,
  dialOutcomes: { no_answer: 700, busy: 200, invalid_number: 96, connected: 435 },
  wrapped: 1085,
  orders: 286,
  cancelledOrders: 2,
  netOrders: 284,
  revenue: 5167620,
  dispositions: { appointment: 76 },
  paidOrders: 51,
  heldOrders: 3,
  shippedOrders: 47,
  returnedOrders: 2,
  wrongItemReturns: 1,
  serviceLevel: 0.5418552036199095,
  abandonRate: 0.25,
  asaMs: 15918.745098039215,
  ahtMs: 230555.80737327188,
  connectRate: 0.3039832285115304,
  conversionRate: 0.2604735883424408,
  aov: 18195.845070422536,
  fcr: 0.8234295415959253,
  occupancy: 0.8225991043843128,
  utilization: 0.6673730985209623,
  ordersPerAgentHour: 2.7232272862888274,
  wrongItemRate: 1 / 47,
};
const snapshot = {
  windows: { today },
  live: { inQueue: 2, longestWaitMs: 47946 },
} as unknown as LiveSnapshot;
const tenant: WallboardTenantView = {
  id: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  serviceLevel: { variant: 'abandons_count', thresholdMs: 20000, shortAbandonMs: 5000 },
  orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
};

describe('readTile (golden scenario 002 at 15:00)', () => {
  const read = (kind: (typeof NUMBER_TILES)[number]) =>
    readTile(kind, snapshot, 'today', { locale: 'ja-JP', tenant });

  it('shows every number tile of the snapshot, unrounded underneath', () => {
    const shown = Object.fromEntries(NUMBER_TILES.map((k) => [k, read(k).shown.text]));
    expect(shown).toEqual({
      serviceLevel: '54.2',
      asaMs: '16',
      abandonRate: '25.0',
      ahtMs: '3:50',
      answered: '663',
      dialed: '1,431',
      connectRate: '30.4',
      conversionRate: '26.0',
      appointments: '76',
      orders: '286',
      revenue: '￥5,167,620',
      aov: '￥18,196',
      fcr: '82.3',
      occupancy: '82.3',
    });
    expect(read('serviceLevel').value).toBe(today.serviceLevel);
  });

  it('prints the service-level rule and variant in small print', () => {
    expect(read('serviceLevel').notes).toEqual([
      { key: 'notes.slRule', params: { seconds: '20' } },
      { key: 'variants.abandons_count' },
    ]);
    expect(read('answered').notes).toEqual([{ key: 'notes.offered', params: { count: '922' } }]);
  });
});

describe('the longest wait ticks on the screen’s own clock', () => {
  it('adds the time since the snapshot arrived; nobody waiting is null', () => {
    const room = { snapshot, serverTime: 0, receivedAt: 10_000 };
    expect(longestWaitNow(room, 12_500)).toBe(47946 + 2500);
    expect(longestWaitNow(room, 9_000)).toBe(47946);
    expect(longestWaitNow(undefined, 1)).toBeNull();
  });
});

describe('KGI helpers', () => {
  const kgi = {
    id: 'monthly-revenue',
    metric: 'revenue',
    progress: 1.2,
    expectedFraction: 0.7719,
    name: { ja: '月間売上' },
  } as KgiProgress;

  it('clamps the bar, places the expected marker, names the goal per language', () => {
    expect(kgiBar(kgi)).toEqual({ filled: 100, expected: 77.19 });
    expect(kgiBar({ ...kgi, expectedFraction: null })).toEqual({ filled: 100, expected: null });
    expect(kgiName(kgi, 'en')).toBe('月間売上');
    expect(kgiName({ ...kgi, name: undefined }, 'ja')).toBe('monthly-revenue');
    expect(formatKgiValue('revenue', 90_000_000, 'en-US', 'JPY')).toBe('¥90,000,000');
    expect(formatKgiValue('disposition:appointment', 2000, 'en-US', 'JPY')).toBe('2,000');
  });

  it('charts ratios in percent and times in seconds', () => {
    expect(chartValue('serviceLevel', 0.54185)).toBe(54.2);
    expect(chartValue('asaMs', 15918.7)).toBe(15.9);
    expect(chartValue('offered', 922)).toBe(922);
    expect(chartValue('fcr', null)).toBeNull();
  });
});
