import type { AgentState, CallEvent, EventOfType } from '@mieruka/contracts';
import { unitPriceMinor } from './catalogue';
import { createSimulation, DEFAULT_PROFILE, type SimulationOptions } from './index';
import { LocalTime } from './local-time';

/**
 * The shape of one simulated weekday for a fixed seed: the numbers a supervisor would find
 * plausible, and the causal rules every consumer relies on (a wrap follows a connect, orders
 * add up, agents move between states the way an ACD lets them).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOKYO_DAY = Date.parse('2026-11-24T00:00:00+09:00'); // a Tuesday

const options: SimulationOptions = {
  seed: 1,
  tenant: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  start: TOKYO_DAY,
};
// Run on past midnight so that the day's last calls finish and their wraps are in.
const events = createSimulation(options).advance(TOKYO_DAY + DAY + 2 * HOUR);
const day = events.filter((e) => Date.parse(e.occurredAt) < TOKYO_DAY + DAY);
const at = (e: CallEvent) => Date.parse(e.occurredAt);
const ofType = <T extends CallEvent['type']>(list: readonly CallEvent[], type: T) =>
  list.filter((e): e is EventOfType<T> => e.type === type);

describe('one simulated weekday (Tokyo, seed 1)', () => {
  const offered = ofType(day, 'call.offered');
  const abandoned = ofType(day, 'call.abandoned');
  const dialed = ofType(day, 'call.dialed');
  const connected = ofType(day, 'call.connected');

  it('has a realistic volume', () => {
    expect(day.length).toBeGreaterThan(18_000);
    expect(day.length).toBeLessThan(32_000);
    expect(offered.length).toBeGreaterThan(1800);
  });

  it('loses a plausible share of callers', () => {
    const share = abandoned.length / offered.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.15);
  });

  it('connects a realistic share of outbound attempts', () => {
    const rate = connected.filter((e) => e.direction === 'outbound').length / dialed.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
  });

  it('follows the local daily curve: busy late morning and afternoon, quiet at night', () => {
    const local = new LocalTime('Asia/Tokyo');
    const byHour = Array.from({ length: 24 }, () => 0);
    for (const e of offered) byHour[local.parts(at(e)).hour]! += 1;
    const busiest = byHour.indexOf(Math.max(...byHour));
    expect(busiest).toBeGreaterThanOrEqual(9);
    expect(busiest).toBeLessThanOrEqual(15);
    expect(byHour[busiest]!).toBeGreaterThan(10 * Math.max(1, byHour[3]!));
    // Lunchtime dip between the two peaks.
    expect(byHour[12]!).toBeLessThan(byHour[10]!);
    expect(byHour[12]!).toBeLessThan(byHour[14]!);
  });

  it('resolves the configured share of inbound calls on first contact', () => {
    const wrapped = ofType(day, 'call.wrapped').filter((e) => e.direction === 'inbound');
    const fcr = wrapped.filter((e) => e.resolved === true).length / wrapped.length;
    expect(Math.abs(fcr - DEFAULT_PROFILE.fcr)).toBeLessThan(0.04);
    expect(wrapped.every((e) => typeof e.resolved === 'boolean')).toBe(true);
    expect(
      ofType(day, 'call.wrapped')
        .filter((e) => e.direction === 'outbound')
        .every((e) => e.resolved === undefined),
    ).toBe(true);
  });

  it('has a busier weekday than Sunday', () => {
    const sunday = Date.parse('2026-11-22T00:00:00+09:00');
    const sundayOffered = createSimulation({ ...options, start: sunday })
      .advance(sunday + DAY)
      .filter((e) => e.type === 'call.offered').length;
    expect(sundayOffered).toBeLessThan(0.7 * offered.length);
  });
});

describe('causal rules over the whole run', () => {
  const byCall = new Map<string, CallEvent[]>();
  for (const e of events) {
    if ('callId' in e && e.callId !== undefined)
      byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
  }

  it('wraps only connected calls, with durations that add up', () => {
    for (const wrapped of ofType(events, 'call.wrapped')) {
      const call = byCall.get(wrapped.callId)!;
      const connect = call.find((e) => e.type === 'call.connected');
      expect(connect).toBeDefined();
      expect(call.indexOf(connect!)).toBeLessThan(call.indexOf(wrapped));
      expect(connect!.agentId).toBe(wrapped.agentId);
      expect(at(wrapped) - at(connect!)).toBe(wrapped.talkMs + wrapped.holdMs + wrapped.wrapMs);
    }
  });

  it('never both answers and abandons an inbound call, and measures the wait from the offer', () => {
    for (const call of byCall.values()) {
      const first = call[0]!;
      if (first.type !== 'call.offered') continue;
      const ends = call.filter((e) => e.type === 'call.connected' || e.type === 'call.abandoned');
      expect(ends.length).toBeLessThanOrEqual(1);
      const end = ends[0];
      if (end && (end.type === 'call.connected' || end.type === 'call.abandoned')) {
        expect(end.waitMs).toBe(at(end) - at(first));
      }
    }
  });

  it('keeps each agent on at most one call, with on_call exactly when a call connects', () => {
    const current = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'call.connected') {
        expect(current.has(e.agentId)).toBe(false);
        current.set(e.agentId, e.callId);
      } else if (e.type === 'call.wrapped') {
        expect(current.get(e.agentId)).toBe(e.callId);
        current.delete(e.agentId);
      }
    }
    const onCall = ofType(events, 'agent.state').filter((e) => e.state === 'on_call');
    expect(onCall.length).toBe(ofType(events, 'call.connected').length);
    const connectAt = new Set(
      ofType(events, 'call.connected').map((e) => `${e.agentId}@${e.occurredAt}`),
    );
    expect(onCall.every((e) => connectAt.has(`${e.agentId}@${e.occurredAt}`))).toBe(true);
  });

  it('moves agents only along plausible state transitions', () => {
    const allowed: Record<AgentState, readonly AgentState[]> = {
      logged_out: ['available', 'break', 'not_ready'],
      available: ['on_call', 'break', 'not_ready', 'logged_out'],
      on_call: ['wrap'],
      wrap: ['available', 'break', 'not_ready', 'logged_out'],
      break: ['available', 'break', 'not_ready', 'logged_out'],
      not_ready: ['available', 'break', 'not_ready', 'logged_out'],
    };
    const last = new Map<string, AgentState>();
    const bad: string[] = [];
    for (const e of ofType(events, 'agent.state')) {
      const from = last.get(e.agentId) ?? 'logged_out';
      if (!allowed[from].includes(e.state))
        bad.push(`${e.agentId} ${from}→${e.state} at ${e.occurredAt}`);
      last.set(e.agentId, e.state);
      if (e.state === 'break' || e.state === 'not_ready') expect(e.reason).toBeDefined();
      expect(e.team).toBeDefined();
    }
    expect(bad).toEqual([]);
  });

  it('keeps shifts about as long as planned, with lunch and rest breaks', () => {
    const loginAt = new Map<string, number>();
    const sessions: number[] = [];
    for (const e of ofType(events, 'agent.state')) {
      if (!loginAt.has(e.agentId) && e.state !== 'logged_out') loginAt.set(e.agentId, at(e));
      if (e.state === 'logged_out') {
        const from = loginAt.get(e.agentId);
        if (from !== undefined && from > TOKYO_DAY) sessions.push(at(e) - from);
        loginAt.delete(e.agentId);
      }
    }
    expect(sessions.length).toBeGreaterThan(30);
    expect(Math.min(...sessions)).toBeGreaterThan(8.9 * HOUR);
    expect(Math.max(...sessions)).toBeLessThan(10 * HOUR);
    const reasons = new Set(
      ofType(day, 'agent.state').flatMap((e) => (e.reason ? [e.reason] : [])),
    );
    expect([...reasons]).toEqual(expect.arrayContaining(['lunch', 'rest']));
  });

  it('confirms orders on sales, priced from the catalogue', () => {
    const orders = ofType(events, 'order.confirmed');
    expect(orders.length).toBeGreaterThan(100);
    for (const order of orders) {
      const minor = (order.items ?? []).reduce(
        (sum, item) => sum + unitPriceMinor(item.sku, 'JPY') * item.qty,
        0,
      );
      expect(order.amount).toBe(minor);
      expect(order.currency).toBe('JPY');
      const call = byCall.get(order.callId)!;
      const connect = call.find((e) => e.type === 'call.connected');
      const wrapped = call.find((e): e is EventOfType<'call.wrapped'> => e.type === 'call.wrapped');
      expect(connect && at(connect) <= at(order)).toBe(true);
      if (wrapped) {
        expect(wrapped.disposition).toBe('sale');
        expect(at(order)).toBeLessThanOrEqual(at(wrapped));
      }
      expect(order.queue ?? order.campaign).toBeDefined();
    }
  });

  it('cancels a few orders, each an earlier confirmed one with the same amount', () => {
    const confirmed = new Map(ofType(events, 'order.confirmed').map((o) => [o.orderId, o]));
    const cancelled = ofType(events, 'order.cancelled');
    expect(new Set(cancelled.map((c) => c.orderId)).size).toBe(cancelled.length);
    expect(cancelled.length / confirmed.size).toBeLessThan(0.1);
    for (const c of cancelled) {
      const order = confirmed.get(c.orderId);
      expect(order).toBeDefined();
      expect(at(order!)).toBeLessThan(at(c));
      expect(c.amount).toBe(order!.amount);
      expect(c.callId).toBe(order!.callId);
      expect(c.agentId).toBe(order!.agentId);
      expect(c.reason).toBeDefined();
    }
  });

  it('uses the dispositions of each direction', () => {
    const wrapped = ofType(events, 'call.wrapped');
    const outbound = new Set(
      wrapped.filter((e) => e.direction === 'outbound').map((e) => e.disposition),
    );
    expect([...outbound].sort()).toEqual([
      'appointment',
      'callback',
      'do_not_call',
      'no_interest',
      'sale',
    ]);
    const inbound = new Set(
      wrapped.filter((e) => e.direction === 'inbound').map((e) => e.disposition),
    );
    expect([...inbound]).toEqual(
      expect.arrayContaining(['resolved', 'sale', 'callback', 'no_interest']),
    );
  });

  it('names the agent and team on every event that has an agent, never on waiting-room, EC or list events', () => {
    // The EC system reports payments, holds, shipments and returns without the call's agent.
    const noAgent = new Set([
      'call.offered',
      'call.abandoned',
      'order.paid',
      'order.held',
      'order.shipped',
      'order.returned',
      'list.loaded',
    ]);
    const bad = events.filter((e) =>
      noAgent.has(e.type)
        ? e.agentId !== undefined || e.team !== undefined
        : !/^(in|out)-\d{3}$/.test(e.agentId ?? '') ||
          !DEFAULT_PROFILE.teams.includes(e.team ?? ''),
    );
    expect(bad.slice(0, 3)).toEqual([]);
  });
});

describe('shifts in local time across daylight saving (New York, spring forward)', () => {
  const zone = 'America/New_York';
  const start = Date.parse('2026-03-07T00:00:00-05:00'); // Saturday; clocks jump on Sunday 8 March
  const run = createSimulation({
    seed: 3,
    tenant: 'acme-us',
    timezone: zone,
    currency: 'USD',
    start,
  }).advance(start + 3 * DAY);
  const local = new LocalTime(zone);
  const shiftStarts = DEFAULT_PROFILE.shifts.map((s) => {
    const [h, m] = s.start.split(':').map(Number) as [number, number];
    return (h * 60 + m) * 60_000;
  });

  it('logs agents in on the local wall clock, a few minutes before their shift', () => {
    const last = new Map<string, string>();
    const logins = ofType(run, 'agent.state').filter((e) => {
      const previous = last.get(e.agentId) ?? 'logged_out';
      last.set(e.agentId, e.state);
      return at(e) > start && previous === 'logged_out';
    });
    expect(logins.length).toBeGreaterThan(40);
    for (const login of logins) {
      const ms = local.parts(at(login)).msOfDay;
      const early = shiftStarts.map((s) => (s - ms + DAY) % DAY);
      expect(Math.min(...early)).toBeLessThanOrEqual(8 * 60_000);
    }
  });

  it('keeps every session about nine hours long, the night of the jump included', () => {
    const since = new Map<string, number>();
    for (const e of ofType(run, 'agent.state')) {
      if (e.state === 'logged_out') {
        const from = since.get(e.agentId);
        if (from !== undefined && from > start) {
          expect(at(e) - from).toBeGreaterThan(8.9 * HOUR);
          expect(at(e) - from).toBeLessThan(10 * HOUR);
        }
        since.delete(e.agentId);
      } else if (!since.has(e.agentId)) since.set(e.agentId, at(e));
    }
  });
});
