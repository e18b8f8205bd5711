import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { onRealClock, wallClock } from './clock';

/** Debian's Chromium (`apt-get install chromium`), driven by playwright-core. */
export const CHROMIUM = process.env.MIERUKA_CHROMIUM ?? '/usr/bin/chromium';

/** Where the end-to-end run leaves its screenshots (gitignored). */
export const ARTIFACTS = join(__dirname, '..', 'e2e', 'artifacts');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // A TV never sleeps its tab: timers must run while the page is in the background.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
    ],
  });
}

/** How far a test TV's own clock is off: the wallboard must never read it. */
export const TV_CLOCK_SKEW_MS = 10 * 60_000;
/** A test TV's zone: never the tenants' (Tokyo, New York), so a time in the TV's zone shows. */
export const TV_ZONE = 'UTC';

/**
 * A 1920×1080 screen as floors leave them: a TV stick on UTC whose clock is ten minutes fast
 * (the run's clock plus `TV_CLOCK_SKEW_MS`, set through Playwright's clock; it runs on from
 * there). Every time the wallboard shows must come from the server, in the tenant's zone.
 */
export async function tvContext(
  browser: Browser,
  options: BrowserContextOptions = {},
  clockAt: number = wallClock() + TV_CLOCK_SKEW_MS,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'ja-JP',
    timezoneId: TV_ZONE,
    ...options,
  });
  await setTvClock(context, clockAt);
  return context;
}

/** What a page's own clock and zone say (what the wallboard must not show). */
export function tvOwnClock(page: Page): Promise<{ now: number; zoneOffsetMinutes: number }> {
  return page.evaluate(() => ({
    // eslint-disable-next-line no-restricted-properties -- the TV's clock, read in the page
    now: Date.now(),
    // eslint-disable-next-line no-restricted-syntax -- the TV's zone, read in the page
    zoneOffsetMinutes: new Date().getTimezoneOffset(),
  }));
}

/** Sets the clock of a screen's pages to `at`; it runs on from there. */
export function setTvClock(context: BrowserContext, at: number): Promise<void> {
  return onRealClock(() => context.clock.setSystemTime(at));
}

/**
 * A fresh page (a floor TV), in its own context: no storage shared between tests. Its clock
 * reads `clockAt` when given (else the run's clock ten minutes fast) and runs on.
 */
export async function tvPage(browser: Browser, locale = 'ja-JP', clockAt?: number): Promise<Page> {
  const context = await tvContext(browser, { locale }, clockAt);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

/** Errors the page threw so far (uncaught exceptions). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** The screen as shown, or only the part one element covers (scrolled to it) when given. */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await (part ?? page).screenshot({ path });
  return path;
}

/** Vue-i18n keys the page asked for and did not find (recorded by src/i18n/index.ts). */
export async function missingKeys(page: Page): Promise<string[]> {
  // Runs in the page: `globalThis` is its window (this file is compiled without DOM types).
  return page.evaluate(
    () => (globalThis as { __mierukaMissingKeys?: string[] }).__mierukaMissingKeys ?? [],
  );
}

/** Polls `probe` until it answers something truthy (no timing is asserted: `limitMs` only ends a hung test). */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  limitMs = 30_000,
): Promise<T> {
  const deadline = performance.now() + limitMs;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: never happened (last: ${String(last)})`);
}

/** An attribute of every element a locator matches, in document order. */
export function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  // Runs in the page; this file is compiled without DOM types, hence the narrow element type.
  return locator.evaluateAll(
    (elements, attribute) =>
      elements.map((e) =>
        (e as unknown as { getAttribute(n: string): string | null }).getAttribute(attribute),
      ),
    name,
  );
}

/**
 * Copies a run's screenshot over the README's (`docs/images/<image>.png`) when the run is
 * asked to (`UPDATE_SCREENSHOTS=1 npx jest tests/e2e/wallboard`), so an ordinary test run
 * leaves the working tree as it was. A failed test leaves no screenshot: the last good stays.
 */
export function publishScreenshot(artifact: string, image: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const images = join(__dirname, '..', '..', 'docs', 'images');
  mkdirSync(images, { recursive: true });
  const from = join(ARTIFACTS, `${artifact}.png`);
  if (existsSync(from)) copyFileSync(from, join(images, `${image}.png`));
}
