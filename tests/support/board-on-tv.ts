/**
 * The set-up the wallboard's browser tests share: the API on a golden scenario, one wallboard
 * saved, the test's own events posted, and a TV (Chromium) paired to that wallboard showing it
 * live. `close()` closes the browser and the API.
 */
import type { Browser, Page } from 'playwright-core';
import type { WallboardInput } from '@mieruka/contracts';
import { eventually, launchBrowser, tvPage } from './browser';
import type { ScenarioName } from './scenarios';
import { ADMIN_PASSWORD, ADMIN_USER } from './test-app';
import { startWallboardApi, type WallboardApi } from './wallboard-api';

export interface BoardOnTv {
  readonly api: WallboardApi;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

export async function boardOnTv(options: {
  scenario: ScenarioName;
  at: string;
  board: WallboardInput;
  /** NDJSON of the test's own events, made at the API's clock. */
  events?: (now: number) => string;
  /** Runs before the board is saved (tenant settings, say). */
  prepare?: (api: WallboardApi) => Promise<void>;
}): Promise<BoardOnTv> {
  const api = await startWallboardApi({ scenario: options.scenario, at: options.at });
  let browser: Browser | undefined;
  try {
    await options.prepare?.(api);
    await api.putWallboard(options.board);
    if (options.events) await api.post(options.events(api.clock.now));
    browser = await launchBrowser();
    const page = await tvPage(browser);
    const tv = await api.displayToken(options.board.id);
    await page.goto(`${api.url}/w/${options.board.id}#display=${tv.token}`);
    await eventually(
      'the board is live',
      async () => (await page.locator('main.board').getAttribute('data-connection')) === 'live',
    );
    const opened = browser;
    return {
      api,
      browser: opened,
      page,
      close: async () => {
        await opened.close();
        await api.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await api.close();
    throw error;
  }
}

/**
 * Opens `path` (the admin page unless told) as nobody, is sent to the login page with the
 * way back, signs the test app's admin in and is back on `path`, signed in.
 */
export async function signInAsAdmin(
  page: Page,
  api: Pick<WallboardApi, 'url'>,
  path = '/admin/wallboards',
): Promise<void> {
  await page.goto(`${api.url}${path}`);
  await page.waitForURL(/\/login\?next=/);
  await page.fill('input[name="username"]', ADMIN_USER);
  await page.fill('input[name="password"]', ADMIN_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname === path);
}
