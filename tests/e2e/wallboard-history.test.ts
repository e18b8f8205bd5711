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
  setTvClock,
  tvContext,
} from '../support/browser';
import { ADMIN_PASSWORD, ADMIN_USER } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/** Golden scenario 002 in the evening: the whole Tuesday is in the store. */
const AT = '2026-11-24T18:40:00.000+09:00';

/**
 * A second tenant whose service-level settings are none of the defaults (20 s, 5 s, abandons
 * count): a definition that shows 30 s took it from the tenant, not from the text.
 */
const EAST = {
  tenant: { id: 'east', timezone: 'Asia/Tokyo', currency: 'JPY' },
  serviceLevel: { thresholdMs: 30_000, shortAbandonMs: 8_000, variant: 'abandons_after_threshold' },
};

describe('the managers’ drill-down in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '002-day-tokyo', at: AT, moreTenants: [EAST] });
    browser = await launchBrowser();
    const context = await tvContext(browser, { locale: 'en-US', acceptDownloads: true });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const history = async (query: string): Promise<KpiHistory> =>
    (await (await api.admin('GET', `/api/v1/kpis?${query}`)).json()) as KpiHistory;
  const loaded = (on: Page = page) =>
    eventually(
      'the view loaded',
      async () => (await on.locator('main.history').getAttribute('data-loading')) === 'false',
    );
  /** Opens the history, which sends the page to sign in and back. */
  const signInToHistory = async (on: Page) => {
    await on.goto(`${api.url}/history`);
    await on.waitForURL(/\/login/);
    await on.fill('input[name="username"]', ADMIN_USER);
    await on.fill('input[name="password"]', ADMIN_PASSWORD);
    await on.click('button[type="submit"]');
    await on.waitForURL(/\/history/);
  };
  const lineValues = async (series: string): Promise<string> =>
    (await page.locator(`[data-role="line-values"] [data-series="${series}"]`).innerText()).replace(
      /^[^:]+: /,
      '',
    );

  it('asks for a sign-in, then draws today’s service level by hour with a line per queue', async () => {
    await signInToHistory(page);
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

  it('renews a session by how long it lasts, not by a browser clock days ahead', async () => {
    const skewed = await tvContext(browser, { locale: 'en-US' });
    await setTvClock(skewed, Date.parse(AT) + 3 * 86_400_000);
    const other = await skewed.newPage();
    let refreshes = 0;
    other.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/refresh')) refreshes++;
    });
    await signInToHistory(other);
    await loaded(other);
    // By the server's expiry the token looks three days old: renewed every second, it was.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(refreshes).toBe(0);
    expect(other.url()).toContain('/history');
    await skewed.close();
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

  /** Clicks the line chart's CSV button: the file saved, the address asked and the API's answer. */
  const downloadLineCsv = async () => {
    const button = page.locator('[data-chart="line"] [data-role="csv"]');
    const path = (await button.getAttribute('data-csv'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const saved = readFileSync(await download.path());
    const fromApi = Buffer.from(await (await api.admin('GET', path)).arrayBuffer());
    // Byte for byte, the UTF-8 BOM (for Excel) included.
    expect(saved.equals(fromApi)).toBe(true);
    expect(saved.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...lines] = saved
      .toString('utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    return { path, name: download.suggestedFilename(), header: header!, lines };
  };

  it('exports as CSV what the API answers for the chart shown, for people to open', async () => {
    const hours = (await history(`groupBy=hour&scope=tenant`)).rows;
    // The page is in English: the file is too, durations in seconds unless chosen otherwise.
    const en = await downloadLineCsv();
    expect(en.path).toMatch(
      /^\/api\/v1\/kpis\?.*groupBy=hour.*format=csv&lang=en&durations=seconds$/,
    );
    expect(en.name).toMatch(/^mieruka-default-hour-2026-11-24\.csv$/);
    expect(en.lines).toHaveLength(19); // 19 hours
    expect(en.header.slice(0, 3)).toEqual(['Start (Asia/Tokyo)', 'End (Asia/Tokyo)', 'Offered']);
    const sl = en.header.indexOf('Service level (%)');
    const asa = en.header.indexOf('ASA (s)');
    expect([sl, asa].every((i) => i > 0)).toBe(true);
    en.lines.forEach((cells, i) => {
      const { kpis, start } = hours[i]!;
      expect(cells[0]).toBe(start.replace('T', ' ').replace('.000', ''));
      expect(cells[sl]).toBe(
        kpis.serviceLevel === null ? '' : (Math.round(kpis.serviceLevel * 1000) / 10).toFixed(1),
      );
      expect(cells[asa]).toBe(
        kpis.asaMs === null ? '' : (Math.round(kpis.asaMs / 100) / 10).toFixed(1),
      );
    });

    // In Japanese with h:mm:ss: the choice is in the address and in the file's headers.
    await page.selectOption('select[name="durations"]', 'hms');
    await page.click('[data-role="switch-language"]');
    try {
      const ja = await downloadLineCsv();
      expect(ja.path).toMatch(/format=csv&lang=ja&durations=hms$/);
      expect(ja.header.slice(0, 3)).toEqual(['開始 (Asia/Tokyo)', '終了 (Asia/Tokyo)', '着信数']);
      const aht = ja.header.indexOf('平均処理時間 (AHT) (時:分:秒)');
      expect(aht).toBeGreaterThan(0);
      expect(ja.header).toContain('サービスレベル (%)');
      const busy = hours.findIndex((row) => row.kpis.ahtMs !== null);
      expect(ja.lines[busy]![aht]).toMatch(/^\d+:\d\d:\d\d$/);
      const [h, m, s] = ja.lines[busy]![aht]!.split(':').map(Number);
      expect(h! * 3600 + m! * 60 + s!).toBe(Math.round(hours[busy]!.kpis.ahtMs! / 1000));
    } finally {
      await page.click('[data-role="switch-language"]');
      await page.selectOption('select[name="durations"]', 'seconds');
      // The switch keeps the language per browser; later tests pick theirs from the address.
      type Storage = { localStorage: { removeItem(key: string): void } };
      await page.evaluate(() =>
        (globalThis as unknown as Storage).localStorage.removeItem('mieruka.lang'),
      );
    }
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

  describe('a wallboard number opens its history and its definition', () => {
    const panel = () => page.locator('[data-role="kpi-definition"]');
    const formula = () => panel().locator('[data-role="formula"]');
    /** Clicks a tile of a wallboard and waits for the history it opens; answers the query. */
    const clickThrough = async (board: string, tile: string): Promise<Record<string, string>> => {
      await page.goto(`${api.url}${board}`);
      await page.locator(`[data-tile="${tile}"]`).first().click();
      await page.waitForURL(/\/history\?/);
      await loaded();
      return Object.fromEntries(new URL(page.url()).searchParams);
    };

    beforeAll(async () => {
      await api.putWallboard({
        id: 'east-floor',
        tenant: 'east',
        name: 'East floor',
        pages: [
          {
            tiles: [
              { kind: 'serviceLevel', scope: 'queue:support', window: 'rolling15' },
              { kind: 'abandonRate' },
            ],
          },
        ],
      });
    });

    it('in English: the KPI, scope, window and tenant carry over, with the tenant’s threshold', async () => {
      // The default tenant: the scenario's data and the documented default rule (20 s, 5 s).
      expect(await clickThrough('/w/default?lang=en', 'serviceLevel')).toEqual({
        kpi: 'serviceLevel',
        tenant: 'default',
      });
      expect(await panel().getAttribute('data-kpi')).toBe('serviceLevel');
      expect(await panel().locator('h2').innerText()).toBe('Definition: Service level');
      expect(await formula().innerText()).toContain(
        'answered within 20 s ÷ (answered + abandoned − abandoned in under 5 s)',
      );
      expect(await panel().innerText()).toContain('Rule in force: “abandons count” (the default)');

      // Another tenant, another rule: its own threshold and variant are in the words.
      expect(await clickThrough('/w/east-floor?tenant=east&lang=en', 'serviceLevel')).toEqual({
        kpi: 'serviceLevel',
        by: '15m',
        scope: 'queue:support',
        tenant: 'east',
      });
      expect(await page.locator('select[name="kpi"]').inputValue()).toBe('serviceLevel');
      expect(await page.locator('select[name="by"]').inputValue()).toBe('15m');
      expect(await page.locator('input[name="scope"]').inputValue()).toBe('queue:support');
      await eventually('the east tenant’s definition', async () =>
        (await formula().innerText()).includes('30 s'),
      );
      expect(await panel().locator('[data-role="what"]').innerText()).toBe(
        'The share of callers answered within 30 seconds, this tenant’s service-level threshold.',
      );
      expect(await formula().innerText()).toContain(
        'answered within 30 s ÷ (answered + abandoned after waiting more than 30 s)',
      );
      expect(await panel().innerText()).toContain('Rule in force: “abandons after threshold”');
      expect(await panel().innerText()).not.toContain('20 s');

      // Beside the chart, not under it or in a tooltip, and in type a manager reads at a glance.
      const chart = (await page.locator('[data-chart="line"]').boundingBox())!;
      const beside = (await panel().boundingBox())!;
      expect(beside.x).toBeGreaterThanOrEqual(chart.x + chart.width);
      expect(beside.y).toBeLessThan(chart.y + chart.height);
      expect(beside.width).toBeGreaterThan(250);
      // Runs in the page (this file is compiled without DOM types, hence the narrow type).
      type Styles = { getComputedStyle(element: unknown): { fontSize: string } };
      const fontPx = await formula().evaluate((e) =>
        parseFloat((globalThis as unknown as Styles).getComputedStyle(e).fontSize),
      );
      expect(fontPx).toBeGreaterThanOrEqual(16);
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'drilldown-definition-en');
    }, 60_000);

    it('in Japanese, and it follows the KPI chosen on the page', async () => {
      expect(await clickThrough('/w/east-floor?tenant=east&lang=ja', 'serviceLevel')).toMatchObject(
        { kpi: 'serviceLevel', tenant: 'east' },
      );
      await eventually('the definition in Japanese', async () =>
        (await formula().innerText()).includes('30 秒'),
      );
      expect(await panel().locator('h2').innerText()).toBe('サービスレベル の定義');
      expect(await panel().locator('[data-role="what"]').innerText()).toContain(
        'お客様を 30 秒以内にオペレーターへつなげた割合です。',
      );
      expect(await formula().innerText()).toContain(
        '30 秒以内の応答数 ÷ (応答数 + 30 秒を超えて待った放棄呼数)',
      );
      expect(await panel().innerText()).toContain('適用中の計算方式：「閾値超過の放棄を含む」');

      // The abandon-rate tile opens the abandon rate, with the tenant's short-abandon time.
      expect(await clickThrough('/w/east-floor?tenant=east&lang=ja', 'abandonRate')).toEqual({
        kpi: 'abandonRate',
        tenant: 'east',
      });
      expect(await panel().getAttribute('data-kpi')).toBe('abandonRate');
      expect(await formula().innerText()).toContain(
        '(放棄呼数 − 8 秒未満の放棄呼数) ÷ (応答数 + 放棄呼数 − 8 秒未満の放棄呼数)',
      );

      // Choosing another KPI on the page shows that one's definition.
      await page.selectOption('select[name="kpi"]', 'ahtMs');
      await page.waitForURL(/kpi=ahtMs/);
      await eventually(
        'the AHT definition',
        async () => (await panel().getAttribute('data-kpi')) === 'ahtMs',
      );
      expect(await formula().innerText()).toContain(
        '(通話時間 + 保留時間 + 後処理時間) ÷ 処理完了数',
      );
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'drilldown-definition-ja');
    }, 60_000);
  });
});

afterAll(() => publishScreenshot('drilldown', 'drilldown'));
