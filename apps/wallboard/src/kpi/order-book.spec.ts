import { describe, expect, it } from '@jest/globals';
import type { OrderBook } from '@mieruka/contracts';
import {
  ageParts,
  isKnownReason,
  localDateTime,
  oldestPaidAge,
  orderBookStatus,
  paidAgeStatus,
  stuckRows,
} from './order-book';

const at = (time: string) => Date.parse(`2026-12-07T${time}.000+09:00`);
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 15:00 in Tokyo: one order paid 26 h ago, one held at 09:30, one unpaid since 13:00; 4 stuck. */
const book: OrderBook = {
  awaitingPayment: 3,
  paidNotShipped: 5,
  held: 1,
  stuck: 4,
  oldestPaidNotShippedMs: 26 * HOUR,
  stuckList: [
    {
      orderId: 'O-1',
      agentId: 'a-1',
      rule: 'paid_not_shipped',
      since: '2026-12-06T13:00:00.000+09:00',
      reason: null,
    },
    {
      orderId: 'O-2',
      agentId: null,
      rule: 'held',
      since: '2026-12-07T09:30:00.000+09:00',
      reason: 'item_unidentified',
    },
    {
      orderId: 'O-3',
      agentId: 'a-2',
      rule: 'unpaid',
      since: '2026-12-07T13:00:00.000+09:00',
      reason: null,
    },
  ],
};

describe('the order-book panel’s reading', () => {
  it('ticks the oldest paid age on the server’s clock, never backwards', () => {
    expect(oldestPaidAge(book, at('15:00:00'), at('15:00:07'))).toBe(26 * HOUR + 7_000);
    expect(oldestPaidAge(book, at('15:00:00'), at('14:59:59'))).toBe(26 * HOUR);
    expect(oldestPaidAge({ ...book, oldestPaidNotShippedMs: null }, 0, 1_000)).toBeNull();
  });

  it('colours the oldest paid age amber from three quarters of the limit, red at it', () => {
    expect(paidAgeStatus(null, DAY)).toBe('none');
    expect(paidAgeStatus(18 * HOUR - 1, DAY)).toBe('ok');
    expect(paidAgeStatus(18 * HOUR, DAY)).toBe('warn');
    expect(paidAgeStatus(DAY - 1, DAY)).toBe('warn');
    expect(paidAgeStatus(DAY, DAY)).toBe('alert');
  });

  it('is red with any stuck order, else as its oldest paid order, else ok', () => {
    expect(orderBookStatus(book, HOUR, DAY)).toBe('alert');
    const calm = { ...book, stuck: 0, stuckList: [] };
    expect(orderBookStatus(calm, 20 * HOUR, DAY)).toBe('warn');
    expect(orderBookStatus(calm, HOUR, DAY)).toBe('ok');
    expect(orderBookStatus(calm, null, DAY)).toBe('ok');
  });

  it('lists the stuck orders as sent, aged, on the tenant’s calendar, and counts the rest', () => {
    const { rows, more } = stuckRows(book, at('15:00:00'), 2);
    expect(rows).toEqual([
      {
        orderId: 'O-1',
        agentId: 'a-1',
        rule: 'paid_not_shipped',
        since: '12/06 13:00',
        ageMs: 26 * HOUR,
        reason: null,
        status: 'alert',
      },
      {
        orderId: 'O-2',
        agentId: null,
        rule: 'held',
        since: '12/07 09:30',
        ageMs: 5.5 * HOUR,
        reason: 'item_unidentified',
        status: 'alert',
      },
    ]);
    // The book counts four stuck, two drawn.
    expect(more).toBe(2);
    // Only payment overdue: amber, a reminder rather than a broken promise.
    expect(stuckRows(book, at('15:00:00'), 20).rows[2]).toMatchObject({
      rule: 'unpaid',
      ageMs: 2 * HOUR,
      status: 'warn',
    });
    expect(stuckRows(book, at('15:00:00'), 20).more).toBe(1);
  });

  it('reads dates in the tenant’s zone from the instant’s own offset', () => {
    expect(localDateTime('2026-12-31T23:59:59.000-05:00')).toBe('12/31 23:59');
    expect(localDateTime('not a date')).toBe('—');
  });

  it('splits an age into days and a clock', () => {
    expect(ageParts(26 * HOUR + 61_000)).toEqual({ days: 1, clock: '2:01:01' });
    expect(ageParts(59_000)).toEqual({ days: 0, clock: '0:59' });
    expect(ageParts(3 * DAY)).toEqual({ days: 3, clock: '0:00:00' });
    expect(ageParts(DAY + 605_000)).toEqual({ days: 1, clock: '0:10:05' });
    expect(ageParts(HOUR - 1_000)).toEqual({ days: 0, clock: '59:59' });
  });

  it('knows the usual hold and return reasons, not free text', () => {
    expect(isKnownReason('wrong_variant')).toBe(true);
    expect(isKnownReason('item_unidentified')).toBe(true);
    expect(isKnownReason('顧客都合')).toBe(false);
  });
});
