import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { OrderDrilldown } from '@mieruka/contracts';
import {
  attributes,
  eventually,
  launchBrowser,
  missingKeys,
  pageErrors,
  tvContext,
} from '../support/browser';
import { ADMIN_PASSWORD, ADMIN_USER } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/** Golden scenario 002 in the evening, with an order desk's holds and returns added. */
const AT = '2026-11-24T18:40:00.000+09:00';
const tokyo = (date: string, time: string) => `${date}T${time}.000+09:00`;

/**
 * o-a taken by agent dd-1 weeks ago (CAT-7 red/L), returned today as the wrong variant; o-b
 * taken today by dd-2 (CAT-7 blue/M), held while the item is checked, then shipped; o-c has no
 * confirmation and is held.
 */
const ORDER_EVENTS = [
  {
    id: 'dd-c-a',
    type: 'order.confirmed',
    occurredAt: tokyo('2026-10-30', '11:00:00'),
    callId: 'dd-k-a',
    orderId: 'o-a',
    agentId: 'dd-1',
    queue: 'orders',
    amount: 9800,
    currency: 'JPY',
    items: [{ sku: 'CAT-7', variant: 'red/L', qty: 1 }],
  },
  {
    id: 'dd-r-a',
    type: 'order.returned',
    orderId: 'o-a',
    occurredAt: tokyo('2026-11-24', '10:00:00'),
    reason: 'wrong_variant',
  },
  {
    id: 'dd-c-b',
    type: 'order.confirmed',
    occurredAt: tokyo('2026-11-24', '09:30:00'),
    callId: 'dd-k-b',
    orderId: 'o-b',
    agentId: 'dd-2',
    queue: 'orders',
    amount: 4200,
    currency: 'JPY',
    items: [{ sku: 'CAT-7', variant: 'blue/M', qty: 2 }],
  },
  {
    id: 'dd-h-b',
    type: 'order.held',
    orderId: 'o-b',
    occurredAt: tokyo('2026-11-24', '09:45:00'),
    reason: 'item_unidentified',
  },
  {
    id: 'dd-s-b',
    type: 'order.shipped',
    orderId: 'o-b',
    occurredAt: tokyo('2026-11-24', '15:00:00'),
  },
  {
    id: 'dd-h-c',
    type: 'order.held',
    orderId: 'o-c',
    occurredAt: tokyo('2026-11-24', '12:00:00'),
    reason: 'address_incomplete',
  },
];

describe('the order drill-down on the history page in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '002-day-tokyo', at: AT });
    await api.post(
      ORDER_EVENTS.map((e) => JSON.stringify({ tenant: 'default', source: 'test', ...e })).join(
        '\n',
      ),
    );
    browser = await launchBrowser();
    const context = await tvContext(browser, { locale: 'en-US', acceptDownloads: true });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const drilldown = async (by: string): Promise<OrderDrilldown> =>
    (await (await api.admin('GET', `/api/v1/kpis/orders?by=${by}`)).json()) as OrderDrilldown;
  const panel = () => page.locator('[data-chart="orders"]');
  const shown = async (by: string) => {
    await eventually(
      `the ${by} rows`,
      async () =>
        (await panel().getAttribute('data-by')) === by &&
        (await panel().getAttribute('data-loading')) === 'false',
    );
    return panel().locator('tbody tr').allInnerTexts();
  };

  it('shows today’s holds and returns by agent, by SKU and variant, and by reason', async () => {
    await page.goto(`${api.url}/history`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name="username"]', ADMIN_USER);
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/history/);

    const byAgent = await drilldown('agent');
    expect(byAgent.rows.map((r) => r.key)).toEqual(['dd-1', '', 'dd-2']);
    expect(await shown('agent')).toEqual([
      'dd-1\t0\t1\t1\t0\t—',
      // Tied on wrong-item returns, returns and holds: by key, '' first.
      '(no confirmation)\t1\t0\t0\t0\t—',
      'dd-2\t1\t0\t0\t1\t0.0%',
    ]);
    expect(await attributes(panel().locator('tbody tr'), 'data-row')).toEqual(
      byAgent.rows.map((r) => r.key),
    );

    await page.selectOption('select[name="ordersBy"]', 'item');
    expect(await shown('item')).toEqual([
      'CAT-7\tred/L\t0\t1\t1\t0\t—',
      '(no items confirmed)\t—\t1\t0\t0\t0\t—',
      'CAT-7\tblue/M\t1\t0\t0\t1\t0.0%',
    ]);
    expect((await drilldown('item')).rows.map((r) => `${r.key} ${r.variant}`)).toEqual([
      'CAT-7 red/L',
      ' ',
      'CAT-7 blue/M',
    ]);

    await page.selectOption('select[name="ordersBy"]', 'reason');
    const reasons = await shown('reason');
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/\t0\t1\t1\t—$/);
    expect(await attributes(panel().locator('tbody tr'), 'data-row')).toEqual([
      'wrong_variant',
      'address_incomplete',
      'item_unidentified',
    ]);
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it('downloads the CSV the API answers, in the page’s language', async () => {
    await page.selectOption('select[name="ordersBy"]', 'reason');
    await page.click('[data-role="switch-language"]');
    try {
      await eventually(
        'the Japanese title',
        async () => (await panel().locator('h2').innerText()) === '保留・返品の内訳',
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel().locator('[data-role="orders-csv"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('mieruka-default-orders-by-reason-2026-11-24.csv');
      const saved = readFileSync(await download.path());
      const fromApi = Buffer.from(
        await (
          await api.admin('GET', '/api/v1/kpis/orders?by=reason&format=csv&lang=ja')
        ).arrayBuffer(),
      );
      expect(saved.equals(fromApi)).toBe(true);
      expect(saved.toString('utf8').slice(1).split('\r\n')[0]).toBe(
        '理由,開始 (Asia/Tokyo),終了 (Asia/Tokyo),保留数,返品数,誤品返品数,出荷指示数,誤品返品率 (%)',
      );
    } finally {
      await page.click('[data-role="switch-language"]');
    }
  }, 60_000);
});
