/**
 * The demo `npm start` shows: a 24/7 order desk, so that every tile has something on it
 * whenever someone looks — a Sunday night, a public holiday — and the tenant settings that go
 * with it (KGIs sized to what this centre produces, a round-the-clock working calendar).
 * `DEFAULT_PROFILE` stays the weekday office the specs and benches pin; this is a profile of
 * overrides on top of it, and one definition the API shell applies when the operator gave none.
 */
import type { z } from 'zod';
import type { tenantSettingsSchema } from '@mieruka/contracts';
import { HOUR_MS } from './local-time';
import type { CampaignOverride, ProfileOverrides, ShiftProfile } from './profile';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const ROUND_THE_CLOCK = '00:00-24:00';

// Order desks are busiest in the day and the evening, but a national 24-hour line never
// goes quiet: nights keep a steady trickle (a few calls an hour at rate 1).
// prettier-ignore
const DEMO_HOURLY = [
  1.6, 1.2, 1.0, 0.9, 0.9, 1.1, 1.6, 2.6, 4.6, 7.0, 9.0, 8.6,
  6.8, 7.4, 8.6, 8.0, 6.8, 6.0, 5.8, 6.0, 5.0, 3.6, 2.6, 2.0,
];

/**
 * The outbound side. Call-backs to customers who asked for one (and to abandoned callers) run
 * round the clock; the two sales campaigns run every day in their own hours. Each works through
 * its lists (the default's for the sales campaigns): the call-back list is small and clean, so
 * one is loaded every few hours and list progress moves at any hour.
 */
const DEMO_CAMPAIGNS: readonly CampaignOverride[] = [
  { id: 'teleapo-smb', days: EVERY_DAY, windows: ['09:00-20:00'] },
  { id: 'winback-2026', days: EVERY_DAY, windows: ['10:00-21:00'] },
  {
    id: 'callback-24h',
    days: EVERY_DAY,
    windows: [ROUND_THE_CLOCK],
    connectRate: 0.45,
    gapMeanMs: 20_000,
    dispositions: {
      sale: 0.14,
      appointment: 0.1,
      callback: 0.16,
      resolved: 0.4,
      no_interest: 0.2,
    },
    talkScale: { sale: 1.8, appointment: 1.5, callback: 0.8, resolved: 1, no_interest: 0.5 },
    skus: ['CAT-1042', 'CAT-1107', 'CAT-2210', 'PLN-0012'],
    list: { size: 300, maxAttempts: 3, redialAfterMs: HOUR_MS, invalidShare: 0.01, faxShare: 0 },
  },
];

/** Overlapping shifts so that no hour of any day is without inbound and outbound agents. */
const DEMO_SHIFTS: readonly ShiftProfile[] = [
  // Inbound: the night shift is bigger than the office's (a 24-hour order line), the day
  // is staffed to the curve every day of the week.
  { start: '22:00', hours: 9, days: EVERY_DAY, agents: 5 },
  { start: '07:00', hours: 9, days: EVERY_DAY, agents: 4 },
  { start: '08:00', hours: 9, days: EVERY_DAY, agents: 8 },
  { start: '09:00', hours: 9, days: EVERY_DAY, agents: 9 },
  { start: '12:00', hours: 9, days: EVERY_DAY, agents: 6 },
  { start: '14:00', hours: 9, days: EVERY_DAY, agents: 5 },
  // Outbound: call-backs in three overlapping shifts, sales campaigns in the day.
  { start: '22:00', hours: 9, days: EVERY_DAY, agents: 3, campaign: 'callback-24h' },
  { start: '06:00', hours: 9, days: EVERY_DAY, agents: 3, campaign: 'callback-24h' },
  { start: '14:00', hours: 9, days: EVERY_DAY, agents: 3, campaign: 'callback-24h' },
  { start: '09:00', hours: 9, days: EVERY_DAY, agents: 6, campaign: 'teleapo-smb' },
  { start: '12:00', hours: 9, days: EVERY_DAY, agents: 4, campaign: 'winback-2026' },
];

export const DEMO_PROFILE: ProfileOverrides = {
  queues: [
    { id: 'support', hourly: DEMO_HOURLY },
    { id: 'orders', hourly: DEMO_HOURLY, open: ROUND_THE_CLOCK },
  ],
  campaigns: DEMO_CAMPAIGNS,
  shifts: DEMO_SHIFTS,
  // Weekends are quieter, not closed.
  weekdayFactors: [1.1, 1, 1, 1, 1.05, 0.85, 0.75],
  // Most callers show their number (非通知 is a minority); the TV shows it masked.
  callerNumbers: 0.92,
  // The warehouse of a 24/7 desk works every day (longer hours), so a Sunday order ships Monday
  // at the latest; the stuck list shows the real failures, not the weekend.
  fulfilment: { warehouseDays: EVERY_DAY, warehouseHours: '08:00-20:00' },
};

/** Tenant settings as a settings file would give them (parsed by the API's schema). */
export type DemoSettings = z.input<typeof tenantSettingsSchema>;

/**
 * The demo tenant's settings. Month targets are 103–107 % of what this profile produces in a
 * 30-day month at rate 1 (seed 1, November 2026, measured with the lists and the orders' later
 * events: revenue ¥263 M, 15,299 net orders, 5,698 appointments, 58,262 answered, 54,280
 * outbound connects), so the KGI panel paces near the expected-by-now marker, some a little
 * ahead and some behind, as a real month does.
 */
export const DEMO_SETTINGS: DemoSettings = {
  tenant: { id: 'default', timezone: 'Asia/Tokyo', currency: 'JPY' },
  // A 24/7 centre: every day is a working day and the whole day counts, holidays included.
  workingCalendar: { days: EVERY_DAY, start: '00:00', end: '23:59', holidays: [] },
  // Paid and not shipped in two days (the warehouse ships next day), or a konbini or bank
  // payment three days late: stuck. Holds are stuck at once (docs/kpis.md, The order book).
  orders: { shipWithinMs: 2 * 24 * HOUR_MS, payWithinMs: 3 * 24 * HOUR_MS },
  kgis: [
    kgi('revenue-month', '今月の売上', 'Revenue this month', 'revenue', 280_000_000),
    kgi('net-orders-month', '今月の純受注数', 'Net orders this month', 'netOrders', 16_000),
    kgi(
      'appointments-month',
      '今月のアポ獲得',
      'Appointments this month',
      'disposition:appointment',
      6_000,
    ),
    kgi('answered-month', '今月の応答数', 'Calls answered this month', 'answered', 60_000),
    kgi(
      'connects-month',
      '今月の接続数',
      'Outbound connects this month',
      'connectedOutbound',
      56_000,
    ),
  ],
};

function kgi(id: string, ja: string, en: string, metric: string, target: number) {
  return { id, name: { ja, en }, metric, target, period: 'month' as const };
}
