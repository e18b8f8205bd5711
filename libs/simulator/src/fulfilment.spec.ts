import { draftOrder } from './catalogue';
import { DEFAULT_FULFILMENT, planOrder, Warehouse, type OrderStep } from './fulfilment';
import { LocalTime, weekdayOf } from './local-time';
import { mulberry32 } from './random';

/**
 * The life of 10,000 orders after the call, seed 7, all confirmed at fixed instants (a Tuesday
 * and a Saturday evening in Tokyo): the shares a supervisor would find plausible, and the
 * order of things the order book relies on.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const local = new LocalTime('Asia/Tokyo');
const warehouse = new Warehouse(DEFAULT_FULFILMENT, local);
const INSTANTS = [Date.parse('2026-11-24T10:30:00+09:00'), Date.parse('2026-11-28T20:45:00+09:00')];
const SKUS = ['CAT-1042', 'CAT-1107', 'CAT-2210', 'CAT-3001', 'CAT-3350', 'PLN-0012'];

const rng = mulberry32(7);
const orders = Array.from({ length: 10_000 }, (_, i) => {
  const { items } = draftOrder(rng, SKUS, 'JPY');
  const confirmedAt = INSTANTS[i % INSTANTS.length]!;
  const steps = planOrder(
    rng,
    { items, confirmedAt, cancel: undefined },
    DEFAULT_FULFILMENT,
    warehouse,
  );
  return { items, confirmedAt, steps };
});
const share = (test: (steps: readonly OrderStep[]) => boolean) =>
  orders.filter((o) => test(o.steps)).length / orders.length;
const has = (type: OrderStep['type'], reason?: string) => (steps: readonly OrderStep[]) =>
  steps.some(
    (s) => s.type === type && (reason === undefined || ('reason' in s && s.reason === reason)),
  );

describe('an order’s life after the call (seed 7)', () => {
  it('is paid by almost everyone, a few percent never', () => {
    expect(share(has('order.paid'))).toBeGreaterThan(0.95);
    const unpaid = share(has('cancel', 'unpaid'));
    expect(unpaid).toBeGreaterThan(0.005);
    expect(unpaid).toBeLessThan(0.03);
  });

  it('pays by card within the hour (some before the confirmation), konbini within days', () => {
    const delays = (method: string) =>
      orders.flatMap((o) =>
        o.steps.flatMap((s) =>
          s.type === 'order.paid' && s.method === method ? [s.at - o.confirmedAt] : [],
        ),
      );
    const card = delays('card');
    expect(Math.max(...card)).toBeLessThanOrEqual(HOUR);
    const early = card.filter((d) => d < 0).length / card.length;
    expect(early).toBeGreaterThan(0.08);
    expect(early).toBeLessThan(0.25);
    const konbini = delays('konbini');
    expect(Math.min(...konbini)).toBeGreaterThanOrEqual(10 * 60_000);
    expect(Math.max(...konbini)).toBeLessThan(DEFAULT_FULFILMENT.paymentDeadlineMs);
  });

  it('holds a few percent as item_unidentified, and ships most of them after a call-back', () => {
    const held = share(has('order.held', 'item_unidentified'));
    expect(held).toBeGreaterThan(0.01);
    expect(held).toBeLessThan(0.05);
    const holds = orders.filter((o) => has('order.held')(o.steps));
    const shippedAfter = holds.filter((o) => has('order.shipped')(o.steps)).length / holds.length;
    expect(shippedAfter).toBeGreaterThan(0.55);
    expect(shippedAfter).toBeLessThan(0.85);
    // Only an order with a colour or size to get wrong is held for it.
    expect(holds.filter((o) => o.items.every((line) => line.variant === undefined))).toEqual([]);
  });

  it('ships most orders within two days, from the warehouse on its days and hours', () => {
    const shipped = orders.flatMap((o) =>
      o.steps.flatMap((s) =>
        s.type === 'order.shipped' ? [{ o, at: s.at, carrier: 'carrier' in s }] : [],
      ),
    );
    expect(shipped.length / orders.length).toBeGreaterThan(0.9);
    const paidAt = (o: (typeof orders)[number]) =>
      o.steps.find((s) => s.type === 'order.paid')?.at ?? o.confirmedAt;
    const late = shipped.filter(({ o, at }) => at - Math.min(paidAt(o), at) > 2 * DAY);
    expect(late.length / shipped.length).toBeGreaterThan(0.01);
    expect(late.length / shipped.length).toBeLessThan(0.1);
    // Goods (with a carrier) leave in warehouse hours on warehouse days.
    const outside = shipped.filter(({ at, carrier }) => {
      if (!carrier) return false;
      const { hour } = local.parts(at);
      const day = weekdayOf(local.dateOf(at));
      return !DEFAULT_FULFILMENT.warehouseDays.includes(day) || hour < 9 || hour >= 18;
    });
    expect(outside).toEqual([]);
  });

  it('returns some shipped orders as wrong_variant, later, and never ships after a cancellation', () => {
    const wrong = share(has('order.returned', 'wrong_variant'));
    expect(wrong).toBeGreaterThan(0.005);
    expect(wrong).toBeLessThan(0.03);
    const broken = orders.filter(({ steps }) => {
      const times = steps.map((s) => s.at);
      const sorted = times.every((t, k) => k === 0 || times[k - 1]! <= t);
      const cancel = steps.findIndex((s) => s.type === 'cancel');
      const cancelLast =
        cancel < 0 || (cancel === steps.length - 1 && !has('order.shipped')(steps));
      const shipped = steps.find((s) => s.type === 'order.shipped');
      const returned = steps.find((s) => s.type === 'order.returned');
      const returnAfter =
        !returned || (shipped !== undefined && returned.at - shipped.at >= 3 * DAY);
      return !(sorted && cancelLast && returnAfter);
    });
    expect(broken).toEqual([]);
  });

  it('loses a few paid orders silently: paid, no hold, not shipped for days', () => {
    const lost = orders.filter(({ steps }) => {
      const paid = steps.find((s) => s.type === 'order.paid' && s.method !== 'cod');
      const next = steps.find((s) => s.type === 'order.shipped' || s.type === 'cancel');
      return (
        paid && !has('order.held')(steps) && next !== undefined && next.at - paid.at >= 3 * DAY
      );
    });
    expect(lost.length).toBeGreaterThan(0);
  });
});
