import type { Browser } from 'playwright-core';
import type { WallboardAnswer } from '@mieruka/contracts';
import { eventually, launchBrowser, missingKeys, pageErrors, tvPage } from '../support/browser';
import { ADMIN_PASSWORD, ADMIN_USER } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/** Golden scenario 001 (a small morning in Tokyo) at 10:07. */
const AT = '2026-11-24T10:07:00.000+09:00';

describe('the layout editor in Chromium (issue 24)', () => {
  let api: WallboardApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '001-hand', at: AT });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('adds a page and a tile on the form, previews and saves it; the API says why a threshold is refused', async () => {
    const page = await tvPage(browser, 'en-US');
    await page.goto(`${api.url}/admin/wallboards`);
    await page.waitForURL(/\/login\?next=/);
    await page.fill('input[name="username"]', ADMIN_USER);
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin\/wallboards$/);
    const sections = page.locator('[data-role="layout-page"]');
    await eventually('the default layout on the form', async () => (await sections.count()) > 0);
    const pagesBefore = await sections.count();

    const rotate = page.locator('input[name="rotateSeconds"]');
    await rotate.fill('5');
    await rotate.blur();
    await page.click('[data-role="add-page"]');
    await eventually('a new page', async () => (await sections.count()) === pagesBefore + 1);
    const added = sections.last();
    const row = added.locator('[data-role="tile-row"]').first();
    await row.locator('select[name="kind"]').selectOption('serviceLevel');
    const scope = row.locator('input[name="scope"]');
    await scope.fill('queue:support');
    await scope.blur();
    await row.locator('input[name="ok"]').fill('0.9');
    await row.locator('input[name="ok"]').blur();
    await row.locator('input[name="warn"]').fill('0.7');
    await row.locator('input[name="warn"]').blur();

    // A panel takes no thresholds: the form offers none for it.
    await added.locator('[data-role="add-tile"]').click();
    const panel = added.locator('[data-role="tile-row"]').nth(1);
    await panel.locator('select[name="kind"]').selectOption('agentGrid');
    expect(await panel.locator('input[name="ok"]').count()).toBe(0);
    expect(await panel.innerText()).toContain('no thresholds');

    // The preview draws the page with the TV's tiles: the frame, its name, scope and limits.
    const preview = added.locator('[data-role="preview"]');
    const tile = preview.locator('[data-tile="serviceLevel"][data-scope="queue:support"]');
    await tile.waitFor();
    expect(await tile.innerText()).toContain('Service level');
    expect(await preview.locator('[data-role="preview-thresholds"]').innerText()).toBe(
      'OK at 0.9 · Watch at 0.7',
    );
    expect(await preview.locator('[data-tile="agentGrid"]').count()).toBe(1);

    // The JSON view is the same draft, and hides on demand.
    const json = page.locator('textarea[name="definition"]');
    expect(await json.inputValue()).toContain('"queue:support"');
    await page.click('[data-role="json-toggle"]');
    expect(await json.isVisible()).toBe(false);

    await page.click('button[type="submit"]');
    await page.locator('[role="status"]', { hasText: 'Saved default' }).waitFor();
    const stored = (await (
      await api.admin('GET', '/api/v1/wallboards/default')
    ).json()) as WallboardAnswer;
    expect(stored.stored).toBe(true);
    expect(stored.wallboard.pages).toHaveLength(pagesBefore + 1);
    expect(stored.wallboard.pages.at(-1)?.tiles).toMatchObject([
      { kind: 'serviceLevel', scope: 'queue:support', thresholds: { ok: 0.9, warn: 0.7 } },
      { kind: 'agentGrid' },
    ]);

    expect(stored.wallboard.rotateSeconds).toBe(5);

    // The TV shows the new page in its turn.
    const tv = await tvPage(browser, 'en-US');
    await tv.goto(`${api.url}/w/default#display=${(await api.displayToken('default')).token}`);
    await tv
      .locator('main.board [data-tile="serviceLevel"][data-scope="queue:support"]')
      .waitFor({ timeout: 5_000 * (pagesBefore + 2) });
    expect(pageErrors(tv)).toEqual([]);
    await tv.context().close();

    // Half a threshold pair goes to the API as typed; its reason is shown beside the form.
    const warn = sections
      .last()
      .locator('[data-role="tile-row"]')
      .first()
      .locator('input[name="warn"]');
    await warn.fill('');
    await warn.blur();
    await page.click('button[type="submit"]');
    const problems = page.locator('[data-role="problems"] li');
    await eventually('the API explains', async () => (await problems.count()) >= 1);
    expect((await problems.allInnerTexts()).join('\n')).toContain(
      `pages.${pagesBefore}.tiles.0.thresholds.warn:`,
    );

    // In Japanese, the form and the preview speak it too.
    await page.click('[data-role="switch-language"]');
    const last = sections.last();
    await eventually('the form in Japanese', async () =>
      (await last.locator('[data-role="add-tile"]').innerText()).includes('タイルを追加'),
    );
    expect(
      await last.locator('select[name="kind"]').first().locator('option:checked').innerText(),
    ).toBe('サービスレベル');
    expect(
      await last.locator('[data-role="preview"] [data-tile="serviceLevel"]').innerText(),
    ).toContain('サービスレベル');
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});
