import { CALLER_ATTR, tenantSettingsSchema, type CallEvent } from '@mieruka/contracts';
import {
  createFloor,
  createProjection,
  evolve,
  floorView,
  foldFloor,
  snapshot,
} from '@mieruka/kpi';
import { addDays, LocalTime } from './local-time';
import {
  createSimulation,
  DEFAULT_PROFILE,
  DEMO_PROFILE,
  DEMO_SETTINGS,
  resolveProfile,
} from './index';

/**
 * The demo's promise (issue 24): whoever opens the wallboard, whenever, sees every tile with
 * data. The instant is injected, never the wall clock; the zone is the tenant's, never the
 * machine's.
 */

const settings = tenantSettingsSchema.parse(DEMO_SETTINGS);
const zone = new LocalTime(settings.tenant.timezone);

/**
 * The demo centre from local midnight `daysBefore` days back to `at`, folded as the API folds
 * it. One fold per instant and depth: the fast tier folds each day once.
 */
const folds = new Map<string, ReturnType<typeof fold>>();
function demoAt(iso: string, daysBefore = 0) {
  const key = `${iso} ${daysBefore}`;
  const cached = folds.get(key) ?? fold(Date.parse(iso), daysBefore);
  folds.set(key, cached);
  return cached;
}

function fold(at: number, daysBefore: number) {
  const start = zone.startOfDay(addDays(zone.dateOf(at), -daysBefore));
  const sim = createSimulation({
    seed: 1,
    tenant: settings.tenant.id,
    timezone: settings.tenant.timezone,
    currency: settings.tenant.currency,
    start,
    profile: DEMO_PROFILE,
  });
  const projection = createProjection(settings);
  const floor = createFloor(settings);
  const returns: string[] = [];
  for (let t = start; t < at; t = Math.min(t + 86_400_000, at)) {
    for (const event of sim.advance(Math.min(t + 86_400_000, at))) {
      evolve(projection, event);
      foldFloor(floor, event);
      if (event.type === 'order.returned') returns.push(event.reason);
    }
  }
  return { returns, kpis: snapshot(projection, at), floor: floorView(floor, at) };
}

// Five days, as the month-to-date fill gives the API: orders paid days ago are open now.
const FIVE_DAYS = 5;

describe.each([
  ['a Sunday night', '2026-11-08T23:30:00+09:00', FIVE_DAYS],
  ['a public holiday evening (勤労感謝の日)', '2026-11-23T21:00:00+09:00', 0],
  ['New Year’s small hours', '2027-01-01T03:30:00+09:00', FIVE_DAYS],
])('the demo on %s', (_, iso, daysBefore) => {
  const { kpis, floor } = demoAt(iso, daysBefore);
  const today = kpis.windows.today;
  const lastHour = kpis.windows.rolling60;

  it('has inbound calls offered and answered, today and in the last hour', () => {
    expect(today.offered).toBeGreaterThan(0);
    expect(today.answered).toBeGreaterThan(0);
    expect(lastHour.offered).toBeGreaterThan(0);
    expect(lastHour.answered).toBeGreaterThan(0);
  });

  it('has outbound dials and connects, today and in the last hour', () => {
    expect(today.dialed).toBeGreaterThan(0);
    expect(today.connectedOutbound).toBeGreaterThan(0);
    expect(lastHour.dialed).toBeGreaterThan(0);
    expect(lastHour.connectedOutbound).toBeGreaterThan(0);
  });

  it('has appointments, orders and revenue today', () => {
    expect(today.dispositions['appointment'] ?? 0).toBeGreaterThan(0);
    expect(today.orders).toBeGreaterThan(0);
    expect(today.revenue).toBeGreaterThan(0);
  });

  it('paces every KGI: each has progress', () => {
    expect(kpis.kgis.length).toBeGreaterThanOrEqual(5);
    for (const kgi of kpis.kgis) expect([kgi.id, kgi.progress > 0]).toEqual([kgi.id, true]);
  });

  it('has agents on the floor, inbound and outbound', () => {
    const ids = Object.keys(floor.agents);
    expect(ids.some((id) => id.startsWith('in-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('out-'))).toBe(true);
  });

  it('lists an abandoned call with its caller’s number, masked', () => {
    expect(floor.abandoned.length).toBeGreaterThan(0);
    expect(floor.abandoned.some((a) => /^[*-]+\d{4}$/.test(a.caller ?? ''))).toBe(true);
  });
});

describe.each([
  ['a Sunday night', '2026-11-08T23:30:00+09:00'],
  ['New Year’s small hours', '2027-01-01T03:30:00+09:00'],
])('the demo’s order book and lists on %s, five days folded', (_, iso) => {
  const { kpis, returns } = demoAt(iso, FIVE_DAYS);
  const lastHour = kpis.windows.rolling60;

  it('has a stuck list with held and paid-not-shipped orders, each with its agent', () => {
    const { orders } = kpis;
    expect(orders.stuck).toBeGreaterThan(0);
    expect(orders.paidNotShipped).toBeGreaterThan(0);
    expect(orders.oldestPaidNotShippedMs).toBeGreaterThan(settings.orders.shipWithinMs);
    const rules = new Set(orders.stuckList.map((o) => o.rule));
    expect([...rules]).toEqual(expect.arrayContaining(['paid_not_shipped']));
    expect(orders.held).toBeGreaterThan(0);
    expect(orders.stuckList.every((o) => o.agentId !== null)).toBe(true);
  });

  it('has payments and shipments today, and returns for the wrong variant in the five days', () => {
    const today = kpis.windows.today;
    expect(today.paidOrders).toBeGreaterThan(0);
    expect(today.shippedOrders).toBeGreaterThan(0);
    expect(returns.filter((r) => r === 'wrong_variant').length).toBeGreaterThan(0);
  });

  it('has a list being worked: progress, contacts and what remains, dialled in the last hour', () => {
    const open = kpis.lists.filter((l) => l.remaining > 0);
    expect(open.length).toBeGreaterThan(0);
    for (const list of open) {
      expect(list.worked).toBeGreaterThan(0);
      expect(list.contacted).toBeGreaterThan(0);
    }
    expect(lastHour.failedDials).toBeGreaterThan(0);
    expect(lastHour.dialOutcomes['no_answer']).toBeGreaterThan(0);
  });
});

describe('demo KGI targets', () => {
  it('are sized to a month of this centre: two days in, each is near two thirtieths', () => {
    // Two days of November (a Sunday and a Monday) against month targets: on the way, neither
    // finished nor hopeless. Two, not ten: this is the fast tier.
    const start = Date.parse('2026-11-01T00:00:00+09:00');
    const at = Date.parse('2026-11-03T00:00:00+09:00');
    const projection = createProjection(settings);
    const sim = createSimulation({
      seed: 1,
      tenant: 'default',
      timezone: 'Asia/Tokyo',
      currency: 'JPY',
      start,
      profile: DEMO_PROFILE,
    });
    for (let t = start; t < at; t += 86_400_000)
      for (const e of sim.advance(t + 86_400_000)) evolve(projection, e);
    for (const kgi of snapshot(projection, at).kgis) {
      expect([kgi.id, kgi.progress > 0.04 && kgi.progress < 0.1]).toEqual([kgi.id, true]);
    }
  });
});

describe('caller numbers', () => {
  const offered = (profile: typeof DEMO_PROFILE | undefined, seed = 1): CallEvent[] =>
    createSimulation({
      seed,
      tenant: 'default',
      timezone: 'Asia/Tokyo',
      currency: 'JPY',
      start: Date.parse('2026-11-24T09:00:00+09:00'),
      ...(profile ? { profile } : {}),
    })
      .advance(Date.parse('2026-11-24T10:00:00+09:00'))
      .filter((e) => e.type === 'call.offered');

  it('look Japanese, are mostly shown, and are the same for the same seed', () => {
    const numbers = offered(DEMO_PROFILE).map((e) => e.attrs?.[CALLER_ATTR]);
    const shown = numbers.filter((n): n is string => n !== undefined);
    expect(shown.length / numbers.length).toBeGreaterThan(0.85);
    for (const n of shown) expect(n).toMatch(/^0(\d0-\d{4}|\d-[1-9]\d{3}|\d{2}-[1-9]\d{2})-\d{4}$/);
    expect(offered(DEMO_PROFILE).map((e) => e.attrs?.[CALLER_ATTR])).toEqual(numbers);
    expect(offered(DEMO_PROFILE, 2).map((e) => e.attrs?.[CALLER_ATTR])).not.toEqual(numbers);
  });

  it('are off in the default profile, which stays as the specs pin it', () => {
    expect(DEFAULT_PROFILE.callerNumbers).toBe(0);
    expect(offered(undefined).some((e) => e.attrs !== undefined)).toBe(false);
  });

  it('are a valid profile', () => {
    expect(() => resolveProfile(DEMO_PROFILE)).not.toThrow();
    expect(() => resolveProfile({ callerNumbers: 1.5 })).toThrow('profile.callerNumbers');
  });
});
