import type { OrderDrilldown } from '@mieruka/contracts';
import { postEvents, startTestApp, type TestApp } from '../support/test-app';

const tokyo = (date: string, time = '10:00:00') => `${date}T${time}.000+09:00`;
const FROM = tokyo('2026-11-01', '00:00:00');
const TO = tokyo('2026-12-01', '00:00:00');

/**
 * Two orders through the real ingest: o1 taken by a1 (CAT-1 navy/M) and returned `wrong_variant`
 * weeks later; o2 taken by a2 (no items), held and shipped.
 */
const EVENTS = [
  {
    id: 'c1',
    type: 'order.confirmed',
    occurredAt: tokyo('2026-10-20'),
    callId: 'k1',
    orderId: 'o1',
    agentId: 'a1',
    queue: 'orders',
    amount: 4800,
    currency: 'JPY',
    items: [{ sku: 'CAT-1', variant: 'navy/M', qty: 1 }],
  },
  {
    id: 'r1',
    type: 'order.returned',
    orderId: 'o1',
    occurredAt: tokyo('2026-11-12'),
    reason: 'wrong_variant',
  },
  {
    id: 'c2',
    type: 'order.confirmed',
    occurredAt: tokyo('2026-11-02'),
    callId: 'k2',
    orderId: 'o2',
    agentId: 'a2',
    queue: 'orders',
    amount: 1200,
    currency: 'JPY',
  },
  {
    id: 'h2',
    type: 'order.held',
    orderId: 'o2',
    occurredAt: tokyo('2026-11-02', '11:00:00'),
    reason: 'item_unidentified',
  },
  { id: 's2', type: 'order.shipped', orderId: 'o2', occurredAt: tokyo('2026-11-03') },
].map((e) => JSON.stringify({ tenant: 'default', source: 'test', ...e }));

describe('GET /api/v1/kpis/orders', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ at: tokyo('2026-12-02') });
    await postEvents(app, EVENTS.join('\n'));
  });
  afterAll(() => app.close());

  const query = (extra: Record<string, string>) =>
    `/api/v1/kpis/orders?${new URLSearchParams({ from: FROM, to: TO, ...extra }).toString()}`;

  it('answers the drill-down by agent as JSON', async () => {
    const response = await app.get(query({ by: 'agent' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as OrderDrilldown;
    expect(body).toMatchObject({ tenant: 'default', scope: 'tenant', by: 'agent', from: FROM });
    expect(body.rows).toEqual([
      {
        key: 'a1',
        heldOrders: 0,
        returnedOrders: 1,
        wrongItemReturns: 1,
        shippedOrders: 0,
        wrongItemRate: null,
      },
      {
        key: 'a2',
        heldOrders: 1,
        returnedOrders: 0,
        wrongItemReturns: 0,
        shippedOrders: 1,
        wrongItemRate: 0,
      },
    ]);
  });

  it('exports by item for people in their language, and raw for scripts', async () => {
    const csv = async (extra: Record<string, string>) => {
      const response = await app.get(query({ by: 'item', ...extra }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      return { response, lines: text.slice(1).trimEnd().split('\r\n') };
    };
    const ja = await csv({ format: 'csv', lang: 'ja' });
    expect(ja.response.headers.get('content-disposition')).toContain(
      'filename="mieruka-default-orders-by-item-2026-11-01.csv"',
    );
    expect(ja.lines).toEqual([
      '品番,バリエーション,開始 (Asia/Tokyo),終了 (Asia/Tokyo),保留数,返品数,誤品返品数,出荷指示数,誤品返品率 (%)',
      'CAT-1,navy/M,2026-11-01 00:00:00+09:00,2026-12-01 00:00:00+09:00,0,1,1,0,',
      '(商品の確定なし),,2026-11-01 00:00:00+09:00,2026-12-01 00:00:00+09:00,1,0,0,1,0.0',
    ]);
    const en = await csv({ format: 'csv', lang: 'en' });
    expect(en.lines[0]).toBe(
      'SKU,Variant,Start (Asia/Tokyo),End (Asia/Tokyo),Orders held,Orders returned,Wrong-item returns,Orders shipped,Wrong-item rate (%)',
    );
    const raw = await csv({ format: 'csv-raw' });
    expect(raw.lines[0]).toBe(
      'item,variant,start,end,heldOrders,returnedOrders,wrongItemReturns,shippedOrders,wrongItemRate',
    );
    expect(raw.lines[2]).toBe(`,,${FROM},${TO},1,0,0,1,0`);
  });

  it('is in the OpenAPI document, its breakdowns from the schema', async () => {
    const response = await fetch(`${app.url}/api/docs/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<
        string,
        Record<string, { parameters: { name: string; schema: { enum?: string[] } }[] }>
      >;
    };
    const route = document.paths['/api/v1/kpis/orders']!['get']!;
    expect(route.parameters.find((p) => p.name === 'by')!.schema.enum).toEqual([
      'agent',
      'item',
      'reason',
    ]);
  });

  it('refuses an unknown breakdown and an empty range', async () => {
    expect((await app.get(query({ by: 'sku' }))).status).toBe(400);
    expect((await app.get(query({ by: 'reason', from: TO }))).status).toBe(400);
  });
});
