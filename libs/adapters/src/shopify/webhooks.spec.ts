import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonical } from '../common/testing';
import { mapShopifyWebhook, type ShopifyOptions } from './webhooks';

// Payloads written with Shopify's documented field names (tests/fixtures/adapters/shopify).
const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../../tests/fixtures/adapters/shopify', name), 'utf8');
const PAID = fixture('orders-paid.json');
const CANCELLED = fixture('orders-cancelled.json');
const FULFILLED = fixture('fulfillments-create.json');
const REFUNDED = fixture('refunds-create.json');
const edit = (json: string, change: (o: Record<string, unknown>) => void) => {
  const o = JSON.parse(json) as Record<string, unknown>;
  change(o);
  return JSON.stringify(o);
};
const base = { tenant: 'default', source: 'shopify' } as const;
const map = (topic: string, body: string, options: ShopifyOptions = {}, known?: string) => {
  const mapped = mapShopifyWebhook({ topic, body }, options, (id) =>
    id === '5829013405829' ? known : undefined,
  );
  canonical(mapped.events);
  return mapped;
};

describe('mapShopifyWebhook', () => {
  it('orders/paid → order.paid: current total, shop currency, gateways as the method', () => {
    const mapped = map('orders/paid', PAID);
    expect(mapped.rejects).toEqual([]);
    expect(mapped.events).toEqual([
      {
        ...base,
        id: 'shopify:paid:5829013405829',
        type: 'order.paid',
        occurredAt: '2026-11-24T01:30:05.000Z',
        orderId: '#1001',
        amount: 12800,
        currency: 'JPY',
        method: 'shopify_payments',
      },
    ]);
    expect(mapped.learned).toEqual({ shopifyOrderId: '5829013405829', orderId: '#1001' });
  });

  it('orders/paid prefers X-Shopify-Triggered-At for the time the payment completed', () => {
    const mapped = mapShopifyWebhook({
      topic: 'orders/paid',
      body: PAID,
      triggeredAt: '2026-11-24T01:30:04.123Z',
    });
    expect(mapped.events[0]?.occurredAt).toBe('2026-11-24T01:30:04.123Z');
  });

  it.each<[string, ShopifyOptions, string]>([
    ['the order name (default)', {}, '#1001'],
    ['the order id', { link: { from: 'id' } }, '5829013405829'],
    [
      'a note attribute',
      { link: { from: 'note_attribute', attribute: 'miruka_order_id' } },
      'T-20261124-0042',
    ],
  ])('links the order through %s', (_, options, orderId) => {
    expect(map('orders/paid', PAID, options).events[0]).toMatchObject({ orderId });
  });

  it('a missing note attribute is a dead letter naming it, and nothing is learned', () => {
    const mapped = map('orders/paid', PAID, { link: { from: 'note_attribute', attribute: 'x' } });
    expect(mapped.events).toEqual([]);
    expect(mapped.learned).toBeUndefined();
    expect(mapped.rejects).toEqual([
      {
        adapter: 'shopify',
        reason: 'orders/paid: note_attributes[x]: missing, so the order cannot be linked',
        raw: PAID,
      },
    ]);
  });

  it('orders/cancelled → order.cancelled with the call and agent from note attributes', () => {
    const mapped = map('orders/cancelled', CANCELLED);
    expect(mapped.rejects).toEqual([]);
    expect(mapped.events).toEqual([
      {
        ...base,
        id: 'shopify:cancelled:5829013471365',
        type: 'order.cancelled',
        occurredAt: '2026-11-24T02:02:09.000Z',
        orderId: '#1002',
        callId: 'call-20261124-0043',
        agentId: 'bob',
        amount: 12800,
        currency: 'JPY',
        reason: 'customer',
      },
    ]);
  });

  it('orders/cancelled without the call and agent is a dead letter saying why', () => {
    const body = edit(CANCELLED, (o) => (o.note_attributes = []));
    expect(map('orders/cancelled', body).rejects[0]?.reason).toBe(
      'orders/cancelled: note_attributes[callId] and note_attributes[agentId] are required: order.cancelled names its call and agent',
    );
  });

  it('fulfillments/create → order.shipped with carrier and tracking; the order from its name', () => {
    const mapped = map('fulfillments/create', FULFILLED);
    expect(mapped.events).toEqual([
      {
        ...base,
        id: 'shopify:shipped:4987654321012',
        type: 'order.shipped',
        occurredAt: '2026-11-25T00:40:00.000Z',
        orderId: '#1001',
        carrier: 'Yamato (JA)',
        tracking: '4321-0987-6543',
      },
    ]);
  });

  it('a fulfillment under the note-attribute link needs its order seen before', () => {
    const options: ShopifyOptions = { link: { from: 'note_attribute', attribute: 'm' } };
    expect(map('fulfillments/create', FULFILLED, options, 'T-42').events[0]).toMatchObject({
      orderId: 'T-42',
    });
    const unknown = map('fulfillments/create', FULFILLED, options);
    expect(unknown.events).toEqual([]);
    expect(unknown.rejects[0]?.reason).toMatch(
      /^fulfillments\/create: order 5829013405829: its note_attributes\[m\] is unknown here/,
    );
  });

  it('a cancelled or failed fulfillment is no shipment', () => {
    for (const status of ['cancelled', 'failure', 'error']) {
      expect(
        map(
          'fulfillments/create',
          edit(FULFILLED, (o) => (o.status = status)),
        ),
      ).toEqual({
        events: [],
        rejects: [],
      });
    }
  });

  it('refunds/create → order.returned: refunded amount from the transactions, reason from the note', () => {
    const mapped = map('refunds/create', REFUNDED, {}, '#1001');
    expect(mapped.rejects).toEqual([]);
    expect(mapped.events).toEqual([
      {
        ...base,
        id: 'shopify:returned:929361465',
        type: 'order.returned',
        occurredAt: '2026-12-02T05:05:00.000Z',
        orderId: '#1001',
        reason: 'wrong_variant',
        amount: 12800,
        currency: 'JPY',
      },
    ]);
  });

  it.each<[unknown, string]>([
    ['damaged in transit', 'damaged'],
    ['Wrong_Item、別商品', 'wrong_item'],
    ['customer changed their mind', 'other'],
    [null, 'other'],
  ])('the refund note %p gives the reason %p', (note, reason) => {
    const body = edit(REFUNDED, (o) => (o.note = note));
    expect(map('refunds/create', body, {}, '#1001').events[0]).toMatchObject({ reason });
  });

  it('sums successful refund transactions only, in hundredths', () => {
    const body = edit(REFUNDED, (o) => {
      const [t] = o.transactions as Record<string, unknown>[];
      o.transactions = [
        { ...t, amount: '10.10', currency: 'USD' },
        { ...t, amount: '0.2', currency: 'USD' },
        { ...t, amount: '99.99', currency: 'USD', status: 'failure' },
      ];
    });
    expect(map('refunds/create', body, {}, '#1001').events[0]).toMatchObject({
      amount: 10.3,
      currency: 'USD',
    });
  });

  it('a refund of cancelled items only, or of money only, is no return', () => {
    const cancelledItems = edit(REFUNDED, (o) => {
      for (const item of o.refund_line_items as Record<string, unknown>[]) {
        item.restock_type = 'cancel';
      }
    });
    const moneyOnly = edit(REFUNDED, (o) => (o.refund_line_items = []));
    expect(map('refunds/create', cancelledItems, {}, '#1001').events).toEqual([]);
    expect(map('refunds/create', moneyOnly, {}, '#1001').events).toEqual([]);
  });

  it.each([
    ['orders/paid', 'not json', 'orders/paid: body is not JSON'],
    ['orders/paid', '[]', 'orders/paid: body is not a JSON object'],
    [
      'orders/create',
      PAID,
      'orders/create: topic not mapped (subscribe only orders/paid, orders/cancelled, fulfillments/create, refunds/create)',
    ],
  ])('%s with %p is a dead letter', (topic, body, reason) => {
    expect(map(topic, body)).toEqual({
      events: [],
      rejects: [{ adapter: 'shopify', reason, raw: body }],
    });
  });

  it('a payload the schema refuses is a dead letter naming the field', () => {
    const body = edit(PAID, (o) => (o.currency = 'yen'));
    const mapped = map('orders/paid', body);
    expect(mapped.events).toEqual([]);
    expect(mapped.learned).toBeUndefined();
    expect(mapped.rejects[0]?.reason).toMatch(/currency/);
  });
});
