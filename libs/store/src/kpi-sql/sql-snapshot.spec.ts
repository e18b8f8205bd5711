import {
  callEventSchema,
  defaultTenantSettings,
  type CallEvent,
  type TenantSettings,
} from '@mieruka/contracts';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeSqlSnapshot } from './index';

/**
 * Small hand-computed cases. Each test writes to a tenant of its own in one shared database,
 * which also checks that a tenant never sees another's events.
 */
describe('computeSqlSnapshot', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let events: EventStore;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  /** Tokyo wall clock on Tuesday 2026-11-24 (or another date) as an RFC 3339 timestamp. */
  const tokyo = (time: string, date = '2026-11-24') => `${date}T${time}.000+09:00`;
  const at = (time: string, date?: string) => Date.parse(tokyo(time, date));

  /** A canonical event, validated like any accepted one. */
  function event(tenant: string, input: { id: string } & Record<string, unknown>): CallEvent {
    return callEventSchema.parse({ tenant, source: 'test', ...input });
  }

  function settings(tenant: string, extra: Partial<TenantSettings> = {}): TenantSettings {
    return { ...defaultTenantSettings(tenant), ...extra };
  }

  /** Each call is one insert with its own arrival time, as separate writers would store them. */
  async function insert(batches: readonly (readonly CallEvent[])[], receivedAt: number) {
    for (const [i, batch] of batches.entries()) {
      await events.insertEvents(batch, { receivedAt: receivedAt + i, ingestSource: 'test' });
    }
  }

  it('counts an event stored twice (a retried insert) once', async () => {
    const t = 'dup';
    const now = at('10:10:00');
    const offered = (occurredAt: string, queue: string) =>
      event(t, {
        id: 'd-offer',
        type: 'call.offered',
        occurredAt,
        callId: 'c1',
        direction: 'inbound',
        queue,
      });
    const order = (amount: number, queue: string) =>
      event(t, {
        id: 'd-order',
        type: 'order.confirmed',
        occurredAt: tokyo('10:01:00'),
        callId: 'c1',
        orderId: 'o1',
        agentId: 'a1',
        queue,
        amount,
        currency: 'JPY',
      });
    const state = (s: 'available' | 'break') =>
      event(t, {
        id: 'd-state',
        type: 'agent.state',
        occurredAt: tokyo('09:00:00'),
        agentId: 'a1',
        state: s,
      });
    // A writer stores the events, then a retry of the same insert stores them again (ingest
    // never stores a second copy with other content: it answers `duplicate` instead).
    await insert(
      [
        [offered(tokyo('09:50:00'), 'support'), order(1200, 'support'), state('available')],
        [offered(tokyo('09:50:00'), 'support'), order(1200, 'support'), state('available')],
      ],
      now,
    );

    const snap = await computeSqlSnapshot(store, {
      settings: settings(t),
      at: now,
      scope: 'tenant',
    });
    expect(snap.windows.today).toMatchObject({ offered: 1, orders: 1, revenue: 1200 });
    // The first copy was offered at 09:50: outside the interval that began at 10:00.
    expect(snap.windows.interval).toMatchObject({ offered: 0, orders: 1, revenue: 1200 });
    expect(snap.live).toEqual({
      inQueue: 1,
      longestWaitMs: 20 * 60_000,
      agents: { available: 1, on_call: 0, wrap: 0, not_ready: 0, break: 0 },
    });
    // 70 minutes available today (09:00–10:10), none on break.
    expect(snap.windows.today.utilization).toBe(0);
    expect(snap.windows.today.occupancy).toBe(0);
    expect(snap.windows.today.ordersPerAgentHour).toBeCloseTo(60 / 70, 12);

    const support = await computeSqlSnapshot(store, {
      settings: settings(t),
      at: now,
      scope: 'queue:support',
    });
    expect(support.windows.today).toMatchObject({ offered: 1, orders: 1, revenue: 1200 });
    expect(support.live.inQueue).toBe(1);
  });

  it('keeps to the scope for every number, agent-state time and live included', async () => {
    const t = 'scope';
    const now = at('11:00:00');
    const base = { direction: 'inbound' as const };
    await insert(
      [
        [
          event(t, {
            id: 's1',
            type: 'agent.state',
            occurredAt: tokyo('10:00:00'),
            agentId: 'a1',
            team: 'blue',
            state: 'available',
          }),
          event(t, {
            id: 's2',
            type: 'agent.state',
            occurredAt: tokyo('10:00:00'),
            agentId: 'a2',
            team: 'red',
            state: 'available',
          }),
          event(t, {
            id: 's3',
            type: 'agent.state',
            occurredAt: tokyo('10:30:00'),
            agentId: 'a1',
            team: 'blue',
            state: 'on_call',
          }),
          event(t, {
            id: 'o1',
            type: 'call.offered',
            occurredAt: tokyo('10:29:50'),
            callId: 'c1',
            queue: 'support',
            ...base,
          }),
          event(t, {
            id: 'x1',
            type: 'call.connected',
            occurredAt: tokyo('10:30:00'),
            callId: 'c1',
            queue: 'support',
            agentId: 'a1',
            team: 'blue',
            waitMs: 10_000,
            ...base,
          }),
          event(t, {
            id: 'o2',
            type: 'call.offered',
            occurredAt: tokyo('10:58:00'),
            callId: 'c2',
            queue: 'support',
            ...base,
          }),
          event(t, {
            id: 'o3',
            type: 'call.offered',
            occurredAt: tokyo('10:59:00'),
            callId: 'c3',
            queue: 'orders',
            ...base,
          }),
          event(t, {
            id: 'd1',
            type: 'call.dialed',
            occurredAt: tokyo('10:40:00'),
            callId: 'c4',
            campaign: 'winback',
            direction: 'outbound',
          }),
          event(t, {
            id: 'x2',
            type: 'call.connected',
            occurredAt: tokyo('10:40:10'),
            callId: 'c4',
            campaign: 'winback',
            agentId: 'a2',
            team: 'red',
            direction: 'outbound',
          }),
          event(t, {
            id: 'w2',
            type: 'call.wrapped',
            occurredAt: tokyo('10:45:00'),
            callId: 'c4',
            campaign: 'winback',
            agentId: 'a2',
            team: 'red',
            direction: 'outbound',
            talkMs: 240_000,
            holdMs: 0,
            wrapMs: 50_000,
            disposition: 'appointment',
          }),
        ],
      ],
      now,
    );
    const kgis: TenantSettings['kgis'] = [
      { id: 'appointments', metric: 'disposition:appointment', target: 10, period: 'month' },
      { id: 'answered', metric: 'answered', target: 10, period: 'month' },
    ];
    const snap = (scope: Parameters<typeof computeSqlSnapshot>[1]['scope']) =>
      computeSqlSnapshot(store, { settings: settings(t, { kgis }), at: now, scope });

    const tenant = await snap('tenant');
    expect(tenant.windows.today).toMatchObject({
      offered: 3,
      answered: 1,
      dialed: 1,
      connectedOutbound: 1,
      wrapped: 1,
      dispositions: { appointment: 1 },
      // a1: 30 min available, 30 on call; a2: 60 min available.
      occupancy: 30 / 120,
    });
    expect(tenant.live).toMatchObject({ inQueue: 2, longestWaitMs: 120_000 });
    expect(tenant.live.agents).toMatchObject({ available: 1, on_call: 1 });
    expect(tenant.kgis.map((k) => k.actual)).toEqual([1, 1]);

    const support = await snap('queue:support');
    expect(support.windows.today).toMatchObject({
      offered: 2,
      answered: 1,
      dialed: 0,
      asaMs: 10_000,
    });
    expect(support.windows.today.occupancy).toBeNull(); // agent.state events carry no queue
    expect(support.live).toMatchObject({ inQueue: 1, longestWaitMs: 120_000 });
    expect(support.live.agents).toEqual({
      available: 0,
      on_call: 0,
      wrap: 0,
      not_ready: 0,
      break: 0,
    });
    expect(support.kgis.map((k) => k.actual)).toEqual([0, 1]);

    const winback = await snap('campaign:winback');
    expect(winback.windows.today).toMatchObject({
      offered: 0,
      dialed: 1,
      connectRate: 1,
      ahtMs: 290_000,
    });
    expect(winback.kgis.map((k) => k.actual)).toEqual([1, 0]);

    const blue = await snap('team:blue');
    expect(blue.windows.today).toMatchObject({
      offered: 0,
      answered: 1,
      wrapped: 0,
      occupancy: 0.5,
    });
    expect(blue.live).toMatchObject({ inQueue: 0, longestWaitMs: null });
    expect(blue.live.agents).toMatchObject({ available: 0, on_call: 1 });

    const a2 = await snap('agent:a2');
    expect(a2.windows.today).toMatchObject({ answered: 0, connectedOutbound: 1, occupancy: 0 });
    expect(a2.live.agents).toMatchObject({ available: 1, on_call: 0 });
    expect(a2.kgis.map((k) => k.actual)).toEqual([1, 0]);
  });

  it('carries a state begun before a window into it, and counts no time before the first state', async () => {
    const t = 'carry';
    const state = (id: string, date: string, time: string, agentId: string, s: string) =>
      event(t, {
        id,
        type: 'agent.state',
        occurredAt: tokyo(time, date),
        agentId,
        state: s,
      });
    await insert(
      [
        [
          // a1: available since yesterday evening, on a call from 00:30, logged out after `at`.
          state('c1', '2026-11-23', '23:50:00', 'a1', 'available'),
          state('c2', '2026-11-24', '00:30:00', 'a1', 'on_call'),
          state('c3', '2026-11-24', '00:45:00', 'a1', 'logged_out'),
          // a2: first known at 00:20 (unknown before); two events at the same instant are
          // ordered by id, so "c5-a" (break) lasts 0 ms and "c5-b" (not_ready) holds.
          state('c4', '2026-11-24', '00:20:00', 'a2', 'wrap'),
          state('c5-b', '2026-11-24', '00:36:00', 'a2', 'not_ready'),
          state('c5-a', '2026-11-24', '00:36:00', 'a2', 'break'),
        ],
      ],
      at('00:40:00'),
    );
    const snap = await computeSqlSnapshot(store, {
      settings: settings(t),
      at: at('00:40:00'),
      scope: 'tenant',
    });
    // today (00:00–00:40): a1 available 30, on_call 10; a2 wrap 16, not_ready 4.
    expect(snap.windows.today.occupancy).toBeCloseTo(26 / 56, 12);
    expect(snap.windows.today.utilization).toBeCloseTo(26 / 60, 12);
    // rolling60 (23:40–00:40): a1 available 40 (from 23:50), on_call 10; a2 as today.
    expect(snap.windows.rolling60.occupancy).toBeCloseTo(26 / 66, 12);
    expect(snap.windows.rolling60.utilization).toBeCloseTo(26 / 70, 12);
    // rolling15 (00:25–00:40): a1 available 5, on_call 10; a2 wrap 11, not_ready 4.
    expect(snap.windows.rolling15.occupancy).toBeCloseTo(21 / 26, 12);
    expect(snap.windows.rolling15.utilization).toBeCloseTo(21 / 30, 12);
    // interval (00:30–00:40): a1 on_call 10; a2 wrap 6, not_ready 4.
    expect(snap.windows.interval.occupancy).toBe(1);
    expect(snap.windows.interval.utilization).toBeCloseTo(16 / 20, 12);
    expect(snap.windows.interval.ordersPerAgentHour).toBe(0);
    expect(snap.live.agents).toEqual({ available: 0, on_call: 1, wrap: 0, not_ready: 1, break: 0 });

    // After a1 logged out: logged_out counts nowhere, and a1 is not a live agent.
    const later = await computeSqlSnapshot(store, {
      settings: settings(t),
      at: at('01:00:00'),
      scope: 'tenant',
    });
    // today (00:00–01:00): a1 available 30, on_call 15; a2 wrap 16, not_ready 24.
    expect(later.windows.today.utilization).toBeCloseTo(31 / 85, 12);
    expect(later.live.agents).toEqual({
      available: 0,
      on_call: 0,
      wrap: 0,
      not_ready: 1,
      break: 0,
    });
  });

  it('gives null, never NaN or Infinity, for a ratio whose denominator is 0 or below', async () => {
    const t = 'nulls';
    const now = at('12:00:00');
    const empty = await computeSqlSnapshot(store, {
      settings: settings(t),
      at: now,
      scope: 'tenant',
    });
    expect(empty.windows.today).toEqual({
      offered: 0,
      answered: 0,
      answeredInSL: 0,
      abandoned: 0,
      shortAbandoned: 0,
      abandonedCallerHangup: 0,
      abandonedTimeout: 0,
      abandonedKey: 0,
      abandonedEmpty: 0,
      abandonedOther: 0,
      dialed: 0,
      connectedOutbound: 0,
      wrapped: 0,
      orders: 0,
      cancelledOrders: 0,
      netOrders: 0,
      revenue: 0,
      dispositions: {},
      paidOrders: 0,
      heldOrders: 0,
      shippedOrders: 0,
      returnedOrders: 0,
      wrongItemReturns: 0,
      failedDials: 0,
      dialOutcomes: { connected: 0 },
      serviceLevel: null,
      abandonRate: null,
      asaMs: null,
      ahtMs: null,
      connectRate: null,
      conversionRate: null,
      aov: null,
      fcr: null,
      occupancy: null,
      utilization: null,
      ordersPerAgentHour: null,
      wrongItemRate: null,
    });
    expect(empty.live).toEqual({
      inQueue: 0,
      longestWaitMs: null,
      agents: { available: 0, on_call: 0, wrap: 0, not_ready: 0, break: 0 },
    });
    expect(empty.orders).toEqual({
      awaitingPayment: 0,
      paidNotShipped: 0,
      held: 0,
      stuck: 0,
      oldestPaidNotShippedMs: null,
      stuckList: [],
    });

    const order = (id: string, type: 'order.confirmed' | 'order.cancelled', amount: number) =>
      event(t, {
        id,
        type,
        occurredAt: tokyo('11:00:00'),
        callId: 'c9',
        orderId: 'o9',
        agentId: 'a9',
        queue: 'support',
        amount,
        currency: 'JPY',
      });
    await insert(
      [
        [
          // Only a short abandon: SL denominator answered + abandoned − short = 0.
          event(t, {
            id: 'n1',
            type: 'call.abandoned',
            occurredAt: tokyo('11:00:00'),
            callId: 'c1',
            queue: 'support',
            direction: 'inbound',
            waitMs: 1_000,
          }),
          // Cents add up exactly; net orders −1 (a denominator below 0).
          order('n2', 'order.confirmed', 0.1),
          order('n3', 'order.cancelled', 0.2),
          order('n4', 'order.cancelled', 0.05),
          // Wrapped without `resolved`: fcr has no denominator.
          event(t, {
            id: 'n5',
            type: 'call.wrapped',
            occurredAt: tokyo('11:00:00'),
            callId: 'c1',
            queue: 'support',
            agentId: 'a9',
            direction: 'inbound',
            talkMs: 1,
            holdMs: 2,
            wrapMs: 3,
            disposition: 'callback',
          }),
          // An agent only ever logged out: no logged-in time.
          event(t, {
            id: 'n6',
            type: 'agent.state',
            occurredAt: tokyo('10:00:00'),
            agentId: 'a9',
            state: 'logged_out',
          }),
        ],
      ],
      now,
    );
    const snap = await computeSqlSnapshot(store, {
      settings: settings(t),
      at: now,
      scope: 'tenant',
    });
    expect(snap.windows.today).toMatchObject({
      abandoned: 1,
      shortAbandoned: 1,
      serviceLevel: null,
      abandonRate: null,
      orders: 1,
      cancelledOrders: 2,
      netOrders: -1,
      revenue: -0.15,
      aov: null,
      conversionRate: null,
      wrapped: 1,
      ahtMs: 6,
      fcr: null,
      dispositions: { callback: 1 },
      occupancy: null,
      utilization: null,
      ordersPerAgentHour: null,
    });

    const answeredOnly = await computeSqlSnapshot(store, {
      settings: settings(t, {
        serviceLevel: { thresholdMs: 20_000, shortAbandonMs: 0, variant: 'answered_only' },
      }),
      at: now,
      scope: 'tenant',
    });
    // No short abandons now, so the abandon rate is defined; the SL of answered_only is not.
    expect(answeredOnly.windows.today).toMatchObject({ serviceLevel: null, abandonRate: 1 });
  });
});
