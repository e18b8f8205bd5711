import type { Browser, Locator } from 'playwright-core';
import type { WallboardAnswer } from '@mieruka/contracts';
import {
  eventually,
  launchBrowser,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
  tvPage,
} from '../support/browser';
import { signInAsAdmin } from '../support/board-on-tv';
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

  it('sets every option of a layout on the form, previews and saves it; the API says why a threshold is refused', async () => {
    const page = await tvPage(browser, 'en-US');
    await signInAsAdmin(page, api);
    const sections = page.locator('[data-role="layout-page"]');
    await eventually('the default layout on the form', async () => (await sections.count()) > 0);
    const pagesBefore = await sections.count();

    /** Types into a field and leaves it, as a person does (the form takes it on change). */
    const type = async (field: Locator, text: string): Promise<void> => {
      await field.fill(text);
      await field.blur();
    };
    // The board: its name, the screen's language, the seconds a page stays.
    await type(page.locator('[data-role="layout-editor"] input[name="name"]'), 'Floor 1');
    await page.locator('select[name="language"]').selectOption('en');
    await type(page.locator('input[name="rotateSeconds"]'), '5');
    await page.click('[data-role="add-page"]');
    await eventually('a new page', async () => (await sections.count()) === pagesBefore + 1);
    const added = sections.last();
    // The page: a title in each language and two columns.
    await type(added.locator('input[name="title-ja"]'), '品質');
    await type(added.locator('input[name="title-en"]'), 'Quality');
    await type(added.locator('input[name="columns"]'), '2');
    // A number tile: kind, scope, window, width, label in each language, thresholds, the beep.
    const row = added.locator('[data-role="tile-row"]').first();
    await row.locator('select[name="kind"]').selectOption('serviceLevel');
    await type(row.locator('input[name="scope"]'), 'queue:support');
    await row.locator('select[name="window"]').selectOption('rolling60');
    await type(row.locator('input[name="span"]'), '2');
    await type(row.locator('input[name="label-ja"]'), 'SL サポート');
    await type(row.locator('input[name="label-en"]'), 'SL support');
    await type(row.locator('input[name="ok"]'), '0.9');
    await type(row.locator('input[name="warn"]'), '0.7');
    await row.locator('input[name="sound"]').check();

    // A panel takes no thresholds: the form offers none for it.
    await added.locator('[data-role="add-tile"]').click();
    const panel = added.locator('[data-role="tile-row"]').nth(1);
    await panel.locator('select[name="kind"]').selectOption('agentGrid');
    expect(await panel.locator('input[name="ok"]').count()).toBe(0);
    expect(await panel.locator('input[name="sound"]').count()).toBe(0);
    expect(await panel.locator('select[name="window"]').count()).toBe(0);
    expect(await panel.innerText()).toContain('no thresholds');

    // A leaderboard: what it ranks by, how many rows, names hidden.
    await added.locator('[data-role="add-tile"]').click();
    const leaders = added.locator('[data-role="tile-row"]').nth(2);
    await leaders.locator('select[name="kind"]').selectOption('leaderboard');
    await leaders.locator('select[name="rankBy"]').selectOption('revenue');
    await type(leaders.locator('input[name="top"]'), '5');
    await leaders.locator('input[name="hideNames"]').check();

    // The preview draws the page with the TV's tiles: the frame, its name, scope and limits.
    const preview = added.locator('[data-role="preview"]');
    const tile = preview.locator('[data-tile="serviceLevel"][data-scope="queue:support"]');
    await tile.waitFor();
    expect(await tile.innerText()).toContain('SL support');
    expect(await tile.innerText()).toContain('Last hour');
    expect(await preview.locator('[data-role="preview-thresholds"]').innerText()).toBe(
      'OK at 0.9 · Watch at 0.7',
    );
    expect(await preview.locator('[data-tile="agentGrid"]').count()).toBe(1);
    expect(await preview.locator('[data-tile="leaderboard"]').count()).toBe(1);
    await screenshot(page, 'layout-editor', added);

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
    expect(stored.wallboard.pages.at(-1)).toEqual({
      title: { ja: '品質', en: 'Quality' },
      columns: 2,
      tiles: [
        {
          kind: 'serviceLevel',
          scope: 'queue:support',
          window: 'rolling60',
          span: 2,
          label: { ja: 'SL サポート', en: 'SL support' },
          thresholds: { ok: 0.9, warn: 0.7 },
          sound: true,
        },
        { kind: 'agentGrid', scope: 'tenant', window: 'today', sound: false, span: 1 },
        {
          kind: 'leaderboard',
          scope: 'tenant',
          window: 'today',
          sound: false,
          span: 1,
          leaderboard: { by: 'revenue', top: 5, hideNames: true },
        },
      ],
    });
    expect([stored.wallboard.name, stored.wallboard.language]).toEqual(['Floor 1', 'en']);
    expect(stored.wallboard.rotateSeconds).toBe(5);

    // The TV shows the new page in its turn.
    const tv = await tvPage(browser, 'en-US');
    await tv.goto(`${api.url}/w/default#display=${(await api.displayToken('default')).token}`);
    const onTv = tv.locator('main.board [data-tile="serviceLevel"][data-scope="queue:support"]');
    await onTv.waitFor({ timeout: 5_000 * (pagesBefore + 2) });
    expect(await onTv.innerText()).toContain('SL support');
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
    // The preview names the tile by its Japanese label.
    expect(
      await last.locator('[data-role="preview"] [data-tile="serviceLevel"]').innerText(),
    ).toContain('SL サポート');
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});

/** The docs' screenshot comes from this run when asked (see publishScreenshot). */
afterAll(() => publishScreenshot('layout-editor', 'layout-editor'));
