import type { Page } from 'playwright-core';
import type { WallboardInput } from '@mieruka/contracts';
import {
  attributes,
  eventually,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
} from '../support/browser';
import { boardOnTv } from '../support/board-on-tv';
import type { WallboardApi } from '../support/wallboard-api';

/**
 * Golden scenario 006 (order integrity, docs in its README) at 15:00 on Tuesday in Tokyo: three
 * orders stuck — o2 paid Monday 10:20 and never shipped, o3 held 09:40 as item_unidentified,
 * o5 confirmed 13:30 and unpaid — five paid and not shipped, two awaiting payment, one held;
 * today one wrong-item return of two shipments. The TV runs on UTC, ten minutes fast.
 */
const AT = '2026-11-24T15:00:00.000+09:00';
const DAY = 86_400_000;

/** The order desk's page, as the default layout has it. */
const orders: WallboardInput = {
  id: 'orders',
  tenant: 'default',
  name: 'Order desk',
  language: 'ja',
  pages: [
    {
      title: { ja: '受注の行方', en: 'Order desk' },
      columns: 3,
      tiles: [{ kind: 'orderBook', span: 2 }, { kind: 'orders' }],
    },
  ],
};

/** One more order, taken by a2 and paid 24 h minus 5 s before 15:00: stuck five seconds later. */
function lateOrder(now: number): string {
  const base = { tenant: 'default', source: 'e2e', orderId: 'o-e2e', amount: 8000 };
  const paidAt = now - DAY + 5_000;
  return [
    {
      ...base,
      id: 'e2e-o1',
      type: 'order.confirmed',
      occurredAt: new Date(paidAt - 300_000).toISOString(),
      callId: 'c-e2e',
      agentId: 'a2',
      queue: 'orders',
      currency: 'JPY',
    },
    {
      ...base,
      id: 'e2e-o2',
      type: 'order.paid',
      occurredAt: new Date(paidAt).toISOString(),
      currency: 'JPY',
    },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n');
}

const panel = (page: Page) => page.locator('[data-tile="orderBook"]');
const figure = (page: Page, role: string) => panel(page).locator(`[data-role="${role}"]`).first();
const row = (page: Page, order: string) =>
  panel(page).locator(`tr[data-role="stuck-order"][data-order="${order}"]`);
const cell = (page: Page, order: string, role: string) =>
  row(page, order).locator(`[data-role="${role}"]`).innerText();

describe('the order-integrity panel in Chromium', () => {
  let api: WallboardApi;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ api, page, close } = await boardOnTv({
      scenario: '006-order-integrity',
      at: AT,
      board: orders,
      events: lateOrder,
    }));
  }, 120_000);

  afterAll(() => close?.());

  it('shows the book’s counts, the oldest paid order ticking, and the stuck list in Japanese', async () => {
    await eventually(
      'the book drawn',
      async () => (await figure(page, 'paid-not-shipped').getAttribute('data-count')) === '6',
    );
    expect(await figure(page, 'awaiting-payment').getAttribute('data-count')).toBe('2');
    expect(await figure(page, 'held').getAttribute('data-count')).toBe('1');
    expect(await figure(page, 'stuck').getAttribute('data-count')).toBe('3');
    expect(await panel(page).innerText()).toMatch(/入金済み未出荷\s*6/);
    expect(await panel(page).innerText()).toMatch(/入金待ち\s*2[\s\S]*保留中\s*1[\s\S]*滞留\s*3/);
    // o2, paid Monday 10:20: 28 h 40 min at 15:00 on the server's clock (not the TV's, 10 min fast).
    const oldest = figure(page, 'oldest');
    expect(await oldest.innerText()).toMatch(/^✕\s*最古 1日 4:40:\d\d$/);
    expect(await figure(page, 'paid-not-shipped').getAttribute('data-status')).toBe('alert');
    // It ticks on the screen between updates (the server's clock stands still in this test).
    const before = await oldest.innerText();
    await eventually('the oldest age ticks', async () => (await oldest.innerText()) !== before);

    expect(await figure(page, 'wrong-item-rate').innerText()).toMatch(
      /誤品返品率\s*50\.0%\s*返品 1 \/ 出荷 2/,
    );

    expect(
      await attributes(panel(page).locator('tr[data-role="stuck-order"]'), 'data-order'),
    ).toEqual(['o2', 'o3', 'o5']);
    expect(await cell(page, 'o2', 'agent')).toBe('a1');
    expect(await cell(page, 'o2', 'rule')).toBe('入金済み未出荷');
    expect(await cell(page, 'o2', 'since')).toBe('11/23 10:20');
    expect(await cell(page, 'o2', 'age')).toMatch(/^1日 4:40:\d\d$/);
    expect(await row(page, 'o2').getAttribute('data-status')).toBe('alert');
    expect(await cell(page, 'o3', 'rule')).toBe('保留');
    expect(await cell(page, 'o3', 'reason')).toBe('商品未特定');
    expect(await cell(page, 'o3', 'since')).toBe('11/24 09:40');
    expect(await cell(page, 'o3', 'age')).toMatch(/^5:20:\d\d$/);
    expect(await cell(page, 'o5', 'rule')).toBe('未入金');
    expect(await row(page, 'o5').getAttribute('data-status')).toBe('warn');
    expect(await panel(page).getAttribute('data-status')).toBe('alert');
  });

  it('lists an order as stuck once it crosses shipWithinMs, with no new event', async () => {
    expect(await row(page, 'o-e2e').count()).toBe(0);
    api.clock.now += 10_000;
    await eventually('o-e2e stuck', async () => (await row(page, 'o-e2e').count()) === 1, 5_000);
    expect(await figure(page, 'stuck').getAttribute('data-count')).toBe('4');
    expect(
      await attributes(panel(page).locator('tr[data-role="stuck-order"]'), 'data-order'),
    ).toEqual(['o2', 'o-e2e', 'o3', 'o5']);
    expect(await cell(page, 'o-e2e', 'agent')).toBe('a2');
    expect(await cell(page, 'o-e2e', 'rule')).toBe('入金済み未出荷');
    expect(await cell(page, 'o-e2e', 'since')).toBe('11/23 15:00');
    expect(await cell(page, 'o-e2e', 'age')).toMatch(/^1日 0:00:\d\d$/);
    await screenshot(page, 'wallboard-orders-ja');
  });

  it('says the same in English', async () => {
    await page.goto(`${api.url}/w/orders?lang=en`);
    await eventually('English panel', async () =>
      (await panel(page).innerText()).includes('Paid, not shipped'),
    );
    await eventually('the book drawn', async () => (await row(page, 'o3').count()) === 1);
    expect(await figure(page, 'oldest').innerText()).toMatch(/oldest 1d 4:40:\d\d$/);
    expect(await panel(page).innerText()).toMatch(/Awaiting payment\s*2[\s\S]*Held\s*1/);
    expect(await figure(page, 'wrong-item-rate').innerText()).toMatch(
      /Wrong-item rate\s*50\.0%\s*1 returns \/ 2 shipped/,
    );
    expect(await cell(page, 'o3', 'rule')).toBe('Held');
    expect(await cell(page, 'o3', 'reason')).toBe('Item not identified');
    expect(await cell(page, 'o2', 'rule')).toBe('Paid, not shipped');
    expect(await cell(page, 'o5', 'rule')).toBe('Not paid');
    expect(await panel(page).innerText()).toContain('Order integrity');
    await screenshot(page, 'wallboard-orders-en');
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});

/** The README's order-desk screenshot comes from this run when asked (see publishScreenshot). */
afterAll(() => publishScreenshot('wallboard-orders-ja', 'wallboard-orders'));
