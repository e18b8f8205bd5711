import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeadLetter } from '@mieruka/contracts';
import { computeShopifyHmac } from '@mieruka/adapters';
import { testDatabaseName } from '@mieruka/store/testing';
import { adapterHealth } from '../support/adapters';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

// The app's clock: 2026-11-24 11:00 in Tokyo. The fixtures (tests/fixtures/adapters/shopify)
// are a phone order #1001 taken at 10:12 by alice and paid at 10:30; the fulfillment and the
// refund are moved to 10:45 and 10:55 the same morning so one live snapshot shows the lot.
const AT = '2026-11-24T11:00:00.000+09:00';
const SECRET = 'shpss_test0123456789abcdef0123456789';
const OLD_SECRET = 'shpss_old00123456789abcdef0123456789';
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/adapters/shopify', name), 'utf8')) as Record<
    string,
    unknown
  >;
const PAID = JSON.stringify(fixture('orders-paid.json'));
const CANCELLED = JSON.stringify(fixture('orders-cancelled.json'));
const SHIPPED = JSON.stringify({
  ...fixture('fulfillments-create.json'),
  created_at: '2026-11-24T10:45:00+09:00',
});
const REFUNDED = JSON.stringify({
  ...fixture('refunds-create.json'),
  created_at: '2026-11-24T10:55:00+09:00',
});

interface Delivery {
  readonly topic: string;
  readonly body: string;
  readonly webhookId: string;
  readonly triggeredAt?: string;
  readonly secret?: string | null;
}

/** Posts as Shopify delivers a webhook over HTTPS: JSON body, signed, with its headers. */
function deliver(app: TestApp, d: Delivery) {
  const secret = d.secret === undefined ? SECRET : d.secret;
  return fetch(`${app.url}/api/v1/shopify/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': d.topic,
      'x-shopify-shop-domain': 'mieruka-test.myshopify.com',
      'x-shopify-api-version': '2026-10',
      'x-shopify-webhook-id': d.webhookId,
      'x-shopify-event-id': `ev-${d.webhookId}`,
      'x-shopify-triggered-at': d.triggeredAt ?? '2026-11-24T01:50:00.000Z',
      ...(secret === null ? {} : { 'x-shopify-hmac-sha256': computeShopifyHmac(secret, d.body) }),
    },
    body: d.body,
  });
}

async function liveOrders(app: TestApp) {
  const response = await app.get('/api/v1/live?tenant=default&scope=tenant');
  const snapshot = (await response.json()) as {
    windows: { today: Record<string, unknown> };
    orders: { paidNotShipped: number; awaitingPayment: number; stuck: number };
  };
  return snapshot;
}

describe('Shopify order webhooks', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: { MIERUKA_SHOPIFY_SECRETS: `${OLD_SECRET},${SECRET}` },
    });
    // The call that took order #1001 (what the CTI sends when the agent confirms it).
    const confirmed = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TEST_KEY}` },
      body: JSON.stringify({
        id: 'cti-confirm-42',
        type: 'order.confirmed',
        occurredAt: '2026-11-24T10:12:00+09:00',
        source: 'cti',
        callId: 'call-20261124-0042',
        orderId: '#1001',
        agentId: 'alice',
        queue: 'orders',
        amount: 12800,
        currency: 'JPY',
      }),
    });
    expect(confirmed.status).toBe(200);
  });
  afterAll(() => app.close());

  it('refuses a forged or missing signature with 401, storing nothing', async () => {
    for (const secret of ['shpss_forged0123456789abcdef012345', null]) {
      const response = await deliver(app, {
        topic: 'orders/paid',
        body: PAID,
        webhookId: 'w-f',
        secret,
      });
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(text).not.toContain(SECRET);
      expect(text).toContain('x-shopify-hmac-sha256');
    }
    expect(await adapterHealth(app, 'shopify')).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      errors: 2,
    });
  });

  it('a paid order shows as paid, not shipped', async () => {
    const response = await deliver(app, { topic: 'orders/paid', body: PAID, webhookId: 'w-1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'stored',
      accepted: 1,
      duplicates: 0,
      rejected: 0,
    });
    const snapshot = await liveOrders(app);
    expect(snapshot.orders).toMatchObject({ awaitingPayment: 0, paidNotShipped: 1 });
    expect(snapshot.windows.today).toMatchObject({ paidOrders: 1 });
  });

  it('a replay of the same delivery is a 200 duplicate and stores nothing', async () => {
    const again = await deliver(app, { topic: 'orders/paid', body: PAID, webhookId: 'w-1' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      status: 'duplicate',
      accepted: 0,
      duplicates: 1,
      rejected: 0,
    });
    // The same event under another webhook id (a second subscription): ingest absorbs it.
    const other = await deliver(app, { topic: 'orders/paid', body: PAID, webhookId: 'w-1b' });
    expect(await other.json()).toEqual({
      status: 'stored',
      accepted: 0,
      duplicates: 1,
      rejected: 0,
    });
    expect((await liveOrders(app)).windows.today).toMatchObject({ paidOrders: 1 });
  });

  it('refuses a delivery triggered longer ago than the replay window (6 h)', async () => {
    const stale = await deliver(app, {
      topic: 'orders/paid',
      body: PAID,
      webhookId: 'w-stale',
      triggeredAt: '2026-11-23T19:59:59.000Z', // 6 h 0 min 1 s before the clock
    });
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain('refused as a replay');
  });

  it('shipped closes the order; a wrong-variant refund is a wrong-item return', async () => {
    const shipped = await deliver(app, {
      topic: 'fulfillments/create',
      body: SHIPPED,
      webhookId: 'w-2',
    });
    expect(await shipped.json()).toMatchObject({ status: 'stored', accepted: 1 });
    let snapshot = await liveOrders(app);
    expect(snapshot.orders).toMatchObject({ paidNotShipped: 0, stuck: 0 });
    expect(snapshot.windows.today).toMatchObject({ shippedOrders: 1 });

    const refunded = await deliver(app, {
      topic: 'refunds/create',
      body: REFUNDED,
      webhookId: 'w-3',
    });
    expect(await refunded.json()).toMatchObject({ status: 'stored', accepted: 1 });
    snapshot = await liveOrders(app);
    expect(snapshot.windows.today).toMatchObject({
      returnedOrders: 1,
      wrongItemReturns: 1,
      wrongItemRate: 1,
    });
  });

  it('stores a cancellation with its call and agent from the note attributes', async () => {
    const response = await deliver(app, {
      topic: 'orders/cancelled',
      body: CANCELLED,
      webhookId: 'w-4',
    });
    expect(await response.json()).toEqual({
      status: 'stored',
      accepted: 1,
      duplicates: 0,
      rejected: 0,
    });
  });

  it('keeps a payload it cannot map as a dead letter, and still answers 200', async () => {
    const body = JSON.stringify({ id: 5829019999999, currency: 'JPY' }); // no name to link by
    const response = await deliver(app, { topic: 'orders/paid', body, webhookId: 'w-5' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'stored',
      accepted: 0,
      duplicates: 0,
      rejected: 1,
    });
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as DeadLetter[];
    expect(letters.map((l) => [l.source, l.reason])).toEqual([
      ['shopify', 'orders/paid: name: missing, so the order cannot be linked'],
    ]);
  });

  // The log is searched for the secrets by secrets-in-output.test.ts (an API process at debug).
  it('never answers a secret: settings by id, health, dead letters', async () => {
    const settings = await (await app.get('/api/v1/adapters/shopify')).text();
    expect(settings).toContain('"keep"');
    const health = await (await fetch(`${app.url}/api/v1/health`)).text();
    const letters = await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).text();
    for (const text of [settings, health, letters]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(OLD_SECRET);
    }
  });
});

describe('Shopify refunds after a restart', () => {
  // Order #1002 (Shopify id 5829013406000) paid before the restart; its refund, which names
  // only the Shopify id, comes after it. Under the default `name` link the route must find the
  // call's order id in the store (the link it learned from orders/paid died with the process).
  const PAID_2 = JSON.stringify({
    ...fixture('orders-paid.json'),
    id: 5829013406000,
    name: '#1002',
  });
  const REFUND_2 = JSON.stringify({
    ...fixture('refunds-create.json'),
    id: 929361999,
    order_id: 5829013406000,
    created_at: '2026-11-24T10:55:00+09:00',
  });
  // Both apps on one database: the second is the first restarted.
  const env = { MIERUKA_SHOPIFY_SECRETS: SECRET, MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName() };

  it('links the refund to the call’s order through the stored payment', async () => {
    const before = await startTestApp({ at: AT, env });
    try {
      const confirmed = await fetch(`${before.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TEST_KEY}` },
        body: JSON.stringify({
          id: 'cti-confirm-43',
          type: 'order.confirmed',
          occurredAt: '2026-11-24T10:20:00+09:00',
          source: 'cti',
          callId: 'call-20261124-0043',
          orderId: '#1002',
          agentId: 'bob',
          queue: 'orders',
          amount: 12800,
          currency: 'JPY',
        }),
      });
      expect(confirmed.status).toBe(200);
      const paid = await deliver(before, { topic: 'orders/paid', body: PAID_2, webhookId: 'r-1' });
      expect(await paid.json()).toMatchObject({ status: 'stored', accepted: 1 });
    } finally {
      await before.close();
    }

    const after = await startTestApp({ at: AT, env });
    try {
      const refund = await deliver(after, {
        topic: 'refunds/create',
        body: REFUND_2,
        webhookId: 'r-2',
      });
      expect(await refund.json()).toEqual({
        status: 'stored',
        accepted: 1,
        duplicates: 0,
        rejected: 0,
      });
      const live = await after.get('/api/v1/live?tenant=default&scope=agent:bob');
      const snapshot = (await live.json()) as { windows: { today: Record<string, unknown> } };
      expect(snapshot.windows.today).toMatchObject({
        paidOrders: 1,
        returnedOrders: 1,
        wrongItemReturns: 1,
      });
    } finally {
      await after.close();
    }
  });
});
