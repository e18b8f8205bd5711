import type { Browser, Page } from 'playwright-core';
import type { WallboardInput } from '@mieruka/contracts';
import { eventually, launchBrowser, pageErrors, tvPage } from '../support/browser';
import { ADMIN_PASSWORD, ADMIN_USER } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/**
 * The Content-Security-Policy the API sends (helmet) lets every page it serves work in a
 * real browser — the TV wallboard with its socket and ECharts canvases, the drill-down after
 * signing in, and Swagger UI — and the browser reports no violation on any of them.
 */
const AT = '2026-11-24T15:00:00.000+09:00';

const board: WallboardInput = {
  id: 'floor-csp',
  tenant: 'default',
  name: 'Floor CSP',
  language: 'en',
  pages: [
    {
      columns: 4,
      tiles: [
        { kind: 'serviceLevel', thresholds: { ok: 0.8, warn: 0.6 }, sound: true },
        { kind: 'answered' },
        { kind: 'funnel', span: 2 },
        { kind: 'kgis', span: 2 },
      ],
    },
  ],
};

/**
 * Records what the browser reports of the policy: `securitypolicyviolation` events in the
 * page (added before any of its scripts run) and the console lines Chromium writes for them.
 */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    // Runs in the page (this file is compiled without DOM types).
    const page = globalThis as unknown as {
      __csp: string[];
      addEventListener(type: string, listener: (event: Record<string, string>) => void): void;
    };
    page.__csp = [];
    page.addEventListener('securitypolicyviolation', (event) =>
      page.__csp.push(`${event['violatedDirective']} ${event['blockedURI']}`),
    );
  });
  return async () => [
    ...logged,
    ...(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)),
  ];
}

describe('the content security policy in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '002-day-tokyo', at: AT });
    await api.putWallboard(board);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lets the TV wallboard load, connect its socket and draw, with no violation', async () => {
    const page = await tvPage(browser, 'en-US');
    const violations = await watchPolicy(page);
    const response = await page.goto(
      `${api.url}/w/floor-csp#display=${(await api.displayToken('floor-csp')).token}`,
    );
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await eventually(
      'the board is live',
      async () => (await page.locator('main.board').getAttribute('data-connection')) === 'live',
    );
    await eventually(
      'numbers shown',
      async () =>
        (await page.locator('[data-tile="answered"] [data-role="value"]').first().innerText()) ===
        '663',
    );
    expect(await violations()).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the drill-down sign in and draw its charts, with no violation', async () => {
    const page = await tvPage(browser, 'en-US');
    const violations = await watchPolicy(page);
    await page.goto(`${api.url}/history`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name="username"]', ADMIN_USER);
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/history/);
    await eventually(
      'charts drawn',
      async () => (await page.locator('[data-chart="line"] canvas').count()) > 0,
    );
    expect(await page.locator('[data-chart="heatmap"] canvas').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('lets Swagger UI render the API description, with no violation', async () => {
    const page = await tvPage(browser, 'en-US');
    const violations = await watchPolicy(page);
    await page.goto(`${api.url}/api/docs`);
    await eventually(
      'the operations listed',
      async () => (await page.locator('.swagger-ui .opblock').count()) > 5,
    );
    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('Mieruka API');
    expect(await violations()).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
