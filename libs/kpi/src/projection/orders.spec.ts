import { STUCK_LIST_MAX, tenantSettingsSchema, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, prune, snapshot } from './projection';

const settings = tenantSettingsSchema.parse({
  tenant: { id: 'default', timezone: 'Asia/Tokyo', currency: 'JPY' },
});
const at = (hhmm: string, day = '2026-11-24') => Date.parse(`${day}T${hhmm}:00.000+09:00`);
const iso = (hhmm: string, day = '2026-11-24') => `${day}T${hhmm}:00.000+09:00`;
let n = 0;
const base = (hhmm: string, day?: string) => ({
  id: `e${++n}`,
  occurredAt: iso(hhmm, day),
  tenant: 'default',
  source: 'spec',
});
const confirmed = (hhmm: string, orderId: string, agentId: string, day?: string) =>
  ({
    ...base(hhmm, day),
    type: 'order.confirmed',
    callId: `c-${orderId}`,
    orderId,
    agentId,
    queue: 'orders',
    team: 'blue',
    amount: 1000,
    currency: 'JPY',
  }) as CallEvent;
const paid = (hhmm: string, orderId: string, day?: string) =>
  ({ ...base(hhmm, day), type: 'order.paid', orderId, amount: 1000, currency: 'JPY' }) as CallEvent;
const held = (hhmm: string, orderId: string, reason: string, day?: string) =>
  ({ ...base(hhmm, day), type: 'order.held', orderId, reason }) as CallEvent;
const shipped = (hhmm: string, orderId: string, day?: string) =>
  ({ ...base(hhmm, day), type: 'order.shipped', orderId, agentId: 'someone-else' }) as CallEvent;
const returned = (hhmm: string, orderId: string, reason: string, day?: string) =>
  ({ ...base(hhmm, day), type: 'order.returned', orderId, reason }) as CallEvent;
const cancelled = (hhmm: string, orderId: string, agentId: string) =>
  ({
    ...base(hhmm),
    type: 'order.cancelled',
    callId: `c-${orderId}`,
    orderId,
    agentId,
    amount: 1000,
    currency: 'JPY',
  }) as CallEvent;

function fold(events: CallEvent[]) {
  const projection = createProjection(settings);
  for (const e of events) evolve(projection, e);
  return projection;
}

describe('orders: attribution of an order’s later events', () => {
  it('counts a payment where the order was taken, even when it arrived first', () => {
    const p = fold([paid('10:05', 'o1'), confirmed('10:00', 'o1', 'a1')]);
    const agent = snapshot(p, at('11:00'), 'agent:a1').windows.today;
    expect(agent.paidOrders).toBe(1);
    expect(snapshot(p, at('11:00'), 'queue:orders').windows.today.paidOrders).toBe(1);
    expect(snapshot(p, at('11:00'), 'team:blue').windows.today.paidOrders).toBe(1);
    expect(snapshot(p, at('11:00'), 'tenant').windows.today.paidOrders).toBe(1);
  });

  it('counts at the tenant only while the confirmation lies after at', () => {
    const p = fold([paid('10:05', 'o1'), confirmed('10:10', 'o1', 'a1')]);
    expect(snapshot(p, at('10:07'), 'agent:a1').windows.today.paidOrders).toBe(0);
    expect(snapshot(p, at('10:07'), 'tenant').windows.today.paidOrders).toBe(1);
    expect(snapshot(p, at('10:10'), 'agent:a1').windows.today.paidOrders).toBe(1);
  });

  it('takes the first confirmation seen, not a later re-take by another agent', () => {
    const p = fold([
      confirmed('10:00', 'o1', 'a1'),
      confirmed('09:00', 'o1', 'a2'),
      shipped('12:00', 'o1'),
    ]);
    // Before 10:00 only a2's (seen second) exists; from 10:00 on, a1's, seen first.
    expect(snapshot(p, at('12:30'), 'agent:a1').windows.today.shippedOrders).toBe(1);
    expect(snapshot(p, at('12:30'), 'agent:a2').windows.today.shippedOrders).toBe(0);
    expect(snapshot(p, at('09:30'), 'agent:a2').orders.awaitingPayment).toBe(1);
  });

  it('ignores the scope fields the later events carry', () => {
    const p = fold([confirmed('10:00', 'o1', 'a1'), shipped('12:00', 'o1')]);
    expect(snapshot(p, at('12:30'), 'agent:someone-else').windows.today.shippedOrders).toBe(0);
  });

  it('attributes a wrong-variant return weeks later, and rates it against shipments', () => {
    const p = fold([
      confirmed('10:00', 'o1', 'a1', '2026-11-02'),
      paid('10:30', 'o1', '2026-11-02'),
      shipped('15:00', 'o1', '2026-11-02'),
      confirmed('10:00', 'o2', 'a1'),
      paid('10:30', 'o2'),
      shipped('11:00', 'o2'),
      returned('12:00', 'o1', 'wrong_variant'),
    ]);
    const today = snapshot(p, at('13:00'), 'agent:a1').windows.today;
    expect(today).toMatchObject({
      paidOrders: 1,
      shippedOrders: 1,
      returnedOrders: 1,
      wrongItemReturns: 1,
      wrongItemRate: 1,
    });
  });
});

describe('orders: the book', () => {
  it('sorts open orders into awaiting payment, paid not shipped, held and stuck', () => {
    const p = fold([
      confirmed('09:00', 'o1', 'a1'), // unpaid for 2 h: stuck (payWithinMs 1 h)
      confirmed('10:30', 'o2', 'a2'), // unpaid for 30 min: not yet stuck
      paid('09:00', 'o3', '2026-11-23'), // paid yesterday 09:00, no confirmation: stuck
      confirmed('09:10', 'o4', 'a1'),
      paid('09:20', 'o4'),
      held('09:30', 'o4', 'item_unidentified'), // held after its payment
      confirmed('09:10', 'o5', 'a2'),
      held('09:15', 'o5', 'payment_failed'),
      paid('09:40', 'o5'), // paid after the hold: no longer held
      confirmed('08:00', 'o6', 'a1'),
      paid('08:10', 'o6'),
      shipped('08:50', 'o6'), // closed
      confirmed('08:00', 'o7', 'a2'),
      cancelled('08:30', 'o7', 'a3'), // closed, whoever cancelled
    ]);
    const book = snapshot(p, at('11:00'), 'tenant').orders;
    expect(book).toEqual({
      awaitingPayment: 2,
      paidNotShipped: 3,
      held: 1,
      stuck: 3,
      oldestPaidNotShippedMs: at('11:00') - at('09:00', '2026-11-23'),
      stuckList: [
        {
          orderId: 'o3',
          agentId: null,
          rule: 'paid_not_shipped',
          since: '2026-11-23T09:00:00.000+09:00',
          reason: null,
        },
        { orderId: 'o1', agentId: 'a1', rule: 'unpaid', since: iso('09:00'), reason: null },
        {
          orderId: 'o4',
          agentId: 'a1',
          rule: 'held',
          since: iso('09:30'),
          reason: 'item_unidentified',
        },
      ],
    });
    expect(snapshot(p, at('11:00'), 'agent:a1').orders).toMatchObject({
      awaitingPayment: 1,
      paidNotShipped: 1,
      held: 1,
      stuck: 2,
    });
    expect(snapshot(p, at('11:00'), 'agent:a3').orders.stuck).toBe(0);
  });

  it('forgets orders closed long ago but keeps open ones and late returns attributed', () => {
    const p = fold([
      confirmed('10:00', 'o1', 'a1', '2026-11-02'),
      paid('10:30', 'o1', '2026-11-02'),
      shipped('15:00', 'o1', '2026-11-02'),
      confirmed('10:00', 'o2', 'a1', '2026-11-02'),
      paid('10:30', 'o2', '2026-11-02'),
    ]);
    prune(p, at('00:00', '2026-11-23'));
    expect(p.orders.size).toBe(2);
    evolve(p, returned('12:00', 'o1', 'wrong_item'));
    const s = snapshot(p, at('13:00'), 'agent:a1');
    expect(s.windows.today.wrongItemReturns).toBe(1);
    expect(s.orders.paidNotShipped).toBe(1);
    expect(s.orders.stuckList.map((o) => o.orderId)).toEqual(['o2']);
    prune(p, at('00:00', '2027-03-01'));
    expect(p.orders.size).toBe(1); // o1 closed over 90 days before: gone; o2 still open
  });

  it('lists the oldest stuck orders only, ties by order id, whatever their arrival order', () => {
    // 30 stuck orders paid at six instants (ties), folded in a scrambled order: the list holds
    // the 20 oldest by `since`, then order id; `stuck` still counts all 30.
    const ids = Array.from({ length: 30 }, (_, i) => `o${String(i).padStart(2, '0')}`);
    const paidAt = (i: number) => `0${1 + (i % 6)}:00`;
    const scrambled = ids.map((_, i) => (i * 7) % 30);
    const events = scrambled.flatMap((i) => [
      confirmed('00:30', ids[i]!, 'a1', '2026-11-20'),
      paid(paidAt(i), ids[i]!, '2026-11-20'),
    ]);
    const s = snapshot(fold(events), at('12:00'), 'tenant').orders;
    expect(s.stuck).toBe(30);
    const expected = ids
      .map((id, i) => ({ id, t: paidAt(i) }))
      .sort((a, b) => a.t.localeCompare(b.t) || a.id.localeCompare(b.id))
      .slice(0, STUCK_LIST_MAX);
    expect(s.stuckList.map((o) => o.orderId)).toEqual(expected.map((o) => o.id));
    expect(s.stuckList[0]).toEqual({
      orderId: 'o00',
      agentId: 'a1',
      rule: 'paid_not_shipped',
      since: '2026-11-20T01:00:00.000+09:00',
      reason: null,
    });
  });
});
