import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { KpiHistory } from '@mieruka/contracts';
import {
  attributes,
  eventually,
  launchBrowser,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
} from '../support/browser';
import { ADMIN_PASSWORD, ADMIN_USER } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/** Golden scenario 002 in the evening: the whole Tuesday is in the store. */
const AT = '2026-11-24T18:40:00.000+09:00';

describe('the managers’ drill-down in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '002-day-tokyo', at: AT });
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-US',
      timezoneId: 'Asia/Tokyo',
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const history = async (query: string): Promise<KpiHistory> =>
    (await (await api.admin('GET', `/api/v1/kpis?${query}`)).json()) as KpiHistory;
  const loaded = () =>
    eventually(
      'the view loaded',
      async () => (await page.locator('main.history').getAttribute('data-loading')) === 'false',
    );
  const lineValues = async (series: string): Promise<string> =>
    (await page.locator(`[data-role="line-values"] [data-series="${series}"]`).innerText()).replace(
      /^[^:]+: /,
      '',
    );

  it('asks for a sign-in, then draws today’s service level by hour with a line per queue', async () => {
    await page.goto(`${api.url}/history`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name="username"]', ADMIN_USER);
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/history/);
    await loaded();
    const api24 = await history('groupBy=hour&scope=tenant');
    // The chart's numbers are the API's: every hour of the day, null where nothing happened.
    expect(await lineValues('Total')).toBe(
      api24.rows.map((r) => r.kpis.serviceLevel ?? '—').join(' '),
    );
    expect(api24.rows).toHaveLength(19); // midnight to 18:40
    const support = await history('groupBy=hour&scope=queue%3Asupport');
    expect(await lineValues('support')).toBe(
      support.rows.map((r) => r.kpis.serviceLevel ?? '—').join(' '),
    );
    expect(await page.locator('[data-chart="line"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="heatmap"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="kgis"] figure').count()).toBe(2);
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'drilldown');
  }, 60_000);

  it('switches the breakdown and the KPI, keeping the view in the address', async () => {
    await page.selectOption('select[name="breakdown"]', 'agent');
    await page.selectOption('select[name="kpi"]', 'answered');
    await page.waitForURL(/breakdown=agent/);
    expect(page.url()).toContain('kpi=answered');
    await loaded();
    const byAgent = await history('groupBy=agent&scope=tenant');
    const bars = await page.locator('[data-role="bar-values"] li').allInnerTexts();
    expect(bars).toEqual(byAgent.rows.map((r) => `${r.key}: ${r.kpis.answered}`));
    // Shared as a link, the view comes back the same.
    await page.reload();
    await loaded();
    expect(await page.locator('select[name="breakdown"]').inputValue()).toBe('agent');
    expect(await page.locator('select[name="kpi"]').inputValue()).toBe('answered');
  }, 60_000);

  it('sorts the agent table', async () => {
    await page.click('[data-sort="answered"]'); // already sorted by answered (desc): now ascending
    await page.waitForURL(/dir=asc/);
    const agents = (await history('groupBy=agent&scope=tenant')).rows;
    const ascending = [...agents].sort(
      (a, b) => a.kpis.answered - b.kpis.answered || a.key.localeCompare(b.key),
    );
    const shown = await attributes(page.locator('[data-chart="agents"] tbody tr'), 'data-agent');
    expect(shown).toEqual(ascending.map((r) => r.key));
  });

  it('exports as CSV exactly what the API answers for the chart shown', async () => {
    const button = page.locator('[data-chart="line"] [data-role="csv"]');
    const path = await button.getAttribute('data-csv');
    expect(path).toMatch(/^\/api\/v1\/kpis\?.*groupBy=hour.*format=csv/);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const file = await download.path();
    // Byte for byte, the UTF-8 BOM (for spreadsheets) included.
    const fromApi = Buffer.from(await (await api.admin('GET', path!)).arrayBuffer());
    expect(readFileSync(file).equals(fromApi)).toBe(true);
    expect(fromApi.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fromApi.toString('utf8').trimEnd().split('\n')).toHaveLength(20); // header + 19 hours
    expect(download.suggestedFilename()).toMatch(/^mieruka-default-hour-2026-11-24\.csv$/);
  });

  it('reads yesterday, 7 and 30 days from the server’s today, not the browser’s clock', async () => {
    await page.selectOption('select[name="range"]', '7d');
    await page.selectOption('select[name="by"]', 'day');
    await page.selectOption('select[name="breakdown"]', 'none');
    await loaded();
    const days = await history(
      `groupBy=day&scope=tenant&from=${encodeURIComponent('2026-11-18T00:00:00.000+09:00')}&to=${encodeURIComponent('2026-11-24T18:40:00.001+09:00')}`,
    );
    expect(await lineValues('Total')).toBe(days.rows.map((r) => r.kpis.answered).join(' '));
    expect(days.rows).toHaveLength(7);
  });
});

afterAll(() => publishScreenshot('drilldown', 'drilldown'));
