import { defaultTenantSettings, validateEvent, type CallEvent } from '@mieruka/contracts';
import { createFloor, floorView, foldFloor, pruneFloor } from './floor';

/** Tokyo (the default tenant's zone): local times read as they are written below. */
const settings = defaultTenantSettings('default');
const at = (day: string, time: string): number => Date.parse(`2026-11-${day}T${time}+09:00`);

let sequence = 0;
function event(day: string, time: string, fields: Record<string, unknown>): CallEvent {
  sequence++;
  const result = validateEvent(
    {
      id: `ev-${sequence}`,
      tenant: 'default',
      source: 'spec',
      occurredAt: `2026-11-${day}T${time}+09:00`,
      ...fields,
    },
    { receivedAt: Date.parse('2026-11-26T00:00:00Z'), currencyOf: () => 'JPY' },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}
const outbound = { direction: 'outbound', campaign: 'spring' };
const connect = (day: string, time: string, agentId: string, extra = {}) =>
  event(day, time, {
    type: 'call.connected',
    callId: `c${sequence}`,
    agentId,
    ...outbound,
    ...extra,
  });
const wrap = (day: string, time: string, agentId: string, disposition: string, extra = {}) =>
  event(day, time, {
    type: 'call.wrapped',
    callId: `c${sequence}`,
    agentId,
    ...outbound,
    talkMs: 60_000,
    holdMs: 0,
    wrapMs: 10_000,
    disposition,
    ...extra,
  });
const order = (day: string, time: string, agentId: string, amount: number, extra = {}) =>
  event(day, time, {
    type: 'order.confirmed',
    orderId: `o${sequence}`,
    callId: `c${sequence}`,
    agentId,
    amount,
    currency: 'JPY',
    campaign: 'spring',
    ...extra,
  });
const cancel = (day: string, time: string, agentId: string, amount: number) =>
  event(day, time, {
    type: 'order.cancelled',
    orderId: `o${sequence}`,
    callId: `c${sequence}`,
    agentId,
    amount,
    currency: 'JPY',
    campaign: 'spring',
  });

describe('the floor’s leaderboard numbers', () => {
  const floor = createFloor(settings);
  for (const e of [
    // Yesterday: not today's.
    wrap('24', '17:00:00', 'A1', 'appointment'),
    // A1 in spring: two connects, an appointment, an order of 12,000 of which 2,000 cancelled.
    connect('25', '09:00:00', 'A1'),
    wrap('25', '09:05:00', 'A1', 'appointment'),
    connect('25', '09:10:00', 'A1'),
    wrap('25', '09:15:00', 'A1', 'no_interest'),
    order('25', '09:20:00', 'A1', 12_000),
    cancel('25', '10:00:00', 'A1', 2_000),
    // A1 also works the autumn campaign: counted there, not in spring.
    connect('25', '11:00:00', 'A1', { campaign: 'autumn' }),
    wrap('25', '11:05:00', 'A1', 'appointment', { campaign: 'autumn' }),
    // B2: an inbound answer (not a connect) and an order from the desk, no campaign.
    connect('25', '09:30:00', 'B2', {
      direction: 'inbound',
      campaign: undefined,
      queue: 'desk',
      waitMs: 3_000,
    }),
    order('25', '09:35:00', 'B2', 5_000, { campaign: undefined, queue: 'desk' }),
    // After the instant asked about: not yet.
    wrap('25', '15:00:00', 'B2', 'appointment', { campaign: 'spring' }),
  ])
    foldFloor(floor, e);
  const noon = at('25', '12:00:00');

  it('counts each agent in the scope asked about, today up to the instant', () => {
    expect(floorView(floor, noon, 'campaign:spring').leaders).toEqual({
      A1: { appointments: 1, orders: 1, revenue: 10_000, connects: 2 },
    });
    expect(floorView(floor, noon, 'campaign:autumn').leaders).toEqual({
      A1: { appointments: 1, orders: 0, revenue: 0, connects: 1 },
    });
    expect(floorView(floor, noon).leaders).toEqual({
      A1: { appointments: 2, orders: 1, revenue: 10_000, connects: 3 },
      B2: { appointments: 0, orders: 1, revenue: 5_000, connects: 0 },
    });
    expect(floorView(floor, at('25', '16:00:00'), 'campaign:spring').leaders?.['B2']).toEqual({
      appointments: 1,
      orders: 0,
      revenue: 0,
      connects: 0,
    });
  });

  it('has no leaders in a scope nobody counted in today', () => {
    expect(floorView(floor, noon, 'queue:support').leaders).toBeUndefined();
    expect(floorView(floor, at('24', '09:00:00'), 'campaign:spring').leaders).toBeUndefined();
  });

  it('forgets the days before the horizon, today unchanged', () => {
    const before = floorView(floor, noon);
    pruneFloor(floor, at('25', '00:00:00'));
    expect(floorView(floor, noon)).toEqual(before);
    pruneFloor(floor, at('26', '00:00:00'));
    expect(floorView(floor, at('26', '09:00:00')).leaders).toBeUndefined();
    expect(floor.scopes.size).toBe(0);
  });
});
