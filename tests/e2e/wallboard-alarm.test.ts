import type { Browser, Page } from 'playwright-core';
import type { WallboardInput } from '@mieruka/contracts';
import {
  eventually,
  launchBrowser,
  pageErrors,
  publishScreenshot,
  screenshot,
  tvPage,
} from '../support/browser';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/**
 * A breach as the floor sees and hears it, in Chromium: when service level falls through its
 * alert threshold, the tile turns to alert with an icon and a word (not colour alone), its
 * border flashes, and — for a tile with `sound: true` only — one beep sounds, once per breach,
 * not again while it stays in alert; a breach on a page rotated away shows in a strip on the
 * page shown, and beeps too. The page's Web Audio is recorded instead of played.
 */
const AT = '2026-11-24T15:00:00.000+09:00';

const board: WallboardInput = {
  id: 'alarm',
  tenant: 'default',
  name: 'Alarm',
  language: 'en',
  pages: [
    {
      tiles: [
        // The scenario's service level is about 54 % at AT: "ok" under these thresholds.
        { kind: 'serviceLevel', thresholds: { ok: 0.5, warn: 0.45 }, sound: true },
        {
          kind: 'serviceLevel',
          label: { en: 'SL quiet', ja: 'SL 無音' },
          thresholds: { ok: 0.5, warn: 0.45 },
        },
      ],
    },
  ],
};

/**
 * Two pages that stay put for an hour: page 1's tiles have no thresholds, page 2 a waiting tile that
 * alerts past 6 minutes of waiting (nobody waits that long in the scenario at AT).
 */
const rotated: WallboardInput = {
  id: 'rotated',
  tenant: 'default',
  name: 'Rotated',
  language: 'en',
  rotateSeconds: 3600,
  pages: [
    { tiles: [{ kind: 'answered' }, { kind: 'asa' }, { kind: 'abandonRate' }, { kind: 'aht' }] },
    {
      tiles: [{ kind: 'waiting', thresholds: { ok: 240_000, warn: 360_000 }, sound: true }],
    },
  ],
};

/** Counts the beeps the page starts (each beep is two tones) instead of playing them. */
async function recordBeeps(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    // Runs in the page (this file is compiled without DOM types).
    const page = globalThis as unknown as { __tones: number; AudioContext: unknown };
    page.__tones = 0;
    const node = () => ({
      connect: (next: unknown) => next,
      frequency: { value: 0 },
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      start: () => {
        page.__tones++;
      },
      stop: () => undefined,
    });
    page.AudioContext = class {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume = () => Promise.resolve();
      createOscillator = node;
      createGain = node;
    };
  });
  return async () =>
    (await page.evaluate(() => (globalThis as unknown as { __tones: number }).__tones)) / 2;
}

let sequence = 0;
/** Calls that abandoned a minute ago after waiting 40 s: each one lowers the service level. */
function abandons(api: WallboardApi, count: number): string {
  return Array.from({ length: count }, () => {
    sequence++;
    return JSON.stringify({
      id: `e2e-abandon-${sequence}`,
      type: 'call.abandoned',
      occurredAt: new Date(api.clock.now - 60_000).toISOString(),
      tenant: 'default',
      source: 'e2e',
      callId: `e2e-abandon-call-${sequence}`,
      direction: 'inbound',
      queue: 'support',
      waitMs: 40_000,
    });
  }).join('\n');
}

describe('a breach on the wallboard in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '002-day-tokyo', at: AT });
    await api.putWallboard(board);
    await api.putWallboard(rotated);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('turns the tile to alert with a word and a flashing border, and beeps once', async () => {
    const page = await tvPage(browser, 'en-US');
    const beeps = await recordBeeps(page);
    const tv = await api.displayToken('alarm');
    await page.goto(`${api.url}/w/alarm#display=${tv.token}`);
    const loud = page.locator('[data-tile="serviceLevel"]').first();
    const quiet = page.locator('[data-tile="serviceLevel"]').nth(1);
    await eventually(
      'the tile is ok',
      async () => (await loud.getAttribute('data-status')) === 'ok',
    );
    expect(await beeps()).toBe(0);

    // Enough abandons to take service level below 45 %.
    await api.post(abandons(api, 300));
    await eventually(
      'the tile in alert',
      async () => (await loud.getAttribute('data-status')) === 'alert',
    );
    expect(await quiet.getAttribute('data-status')).toBe('alert');
    expect(await loud.locator('[data-role="status"]').innerText()).toMatch(/Alert/i);
    const animation = await loud.evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { animationName: string } }
        ).getComputedStyle(el).animationName,
    );
    expect(animation).toMatch(/^breach/); // scoped: breach-<hash>
    await eventually('one beep', async () => (await beeps()) === 1);

    // Still in alert: no second beep.
    await api.post(abandons(api, 50));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await loud.getAttribute('data-status')).toBe('alert');
    expect(await beeps()).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows and sounds a breach on a page rotated away, on the page that is shown', async () => {
    const page = await tvPage(browser, 'en-US');
    const beeps = await recordBeeps(page);
    const tv = await api.displayToken('rotated');
    await page.goto(`${api.url}/w/rotated#display=${tv.token}`);
    await eventually('page 1 is live', async () => (await page.locator('[data-tile]').count()) > 0);
    expect(await page.locator('[data-tile="answered"]').count()).toBe(1);
    const strip = page.locator('[data-role="breach-strip"]');
    expect(await strip.count()).toBe(0);

    // A caller who has waited ten minutes, in the queue the waiting tile counts.
    await api.post(
      JSON.stringify({
        id: 'e2e-long-wait',
        type: 'call.offered',
        occurredAt: new Date(api.clock.now - 600_000).toISOString(),
        tenant: 'default',
        source: 'e2e',
        callId: 'e2e-long-wait-call',
        direction: 'inbound',
        queue: 'support',
      }),
    );
    await eventually(
      'the strip names the breach on page 2',
      async () => (await strip.count()) === 1,
    );
    const item = strip.locator('[data-role="breach"]');
    expect(await item.getAttribute('data-page')).toBe('2');
    expect(await item.innerText()).toMatch(/^page 2 · Calls waiting 10:0\d$/);
    // Still page 1 on the screen; the sound rule applies to the hidden tile.
    expect(await page.locator('[data-tile="answered"]').count()).toBe(1);
    expect(await page.locator('[data-tile="waiting"]').count()).toBe(0);
    await eventually('one beep', async () => (await beeps()) === 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await beeps()).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'readme-breach-strip');
    publishScreenshot('readme-breach-strip', 'wallboard-breach');
    await page.context().close();
  }, 60_000);
});
