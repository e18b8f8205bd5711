import type { Browser, Page } from 'playwright-core';
import type { AuditEntry, LiveFloor } from '@mieruka/contracts';
import {
  eventually,
  launchBrowser,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
  tvPage,
} from '../support/browser';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/**
 * The call-back queue on the history page (issue 24): a supervisor marks an abandoned call
 * called back and is offered no full number; a manager, in Japanese, sees the mark and shows a
 * caller's number — the API audits the showing. Golden scenario 001 (Tokyo) at 10:07, with two
 * abandoned calls of ours that left numbers.
 */
const AT = '2026-11-24T10:07:00.000+09:00';
const PASSWORD = 'a-long-enough-password';
const FIRST = '090-1111-2222';
const SECOND = '080-3333-4444';
const abandoned = (id: string, time: string, caller: string) =>
  JSON.stringify({
    id: `cb-${id}`,
    tenant: 'default',
    type: 'call.abandoned',
    occurredAt: `2026-11-24T${time}.000+09:00`,
    source: 'test',
    callId: `cb-${id}`,
    direction: 'inbound',
    queue: 'support',
    waitMs: 30_000,
    attrs: { caller },
  });

describe('call-backs of abandoned calls in Chromium (issue 24)', () => {
  let api: WallboardApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '001-hand', at: AT });
    await api.post(
      [abandoned('1', '10:05:00', FIRST), abandoned('2', '10:06:00', SECOND)].join('\n'),
    );
    for (const [username, role] of [
      ['sato', 'supervisor'],
      ['kato', 'manager'],
    ] as const) {
      const made = await api.admin('POST', '/api/v1/users', {
        username,
        password: PASSWORD,
        tenant: 'default',
        role,
      });
      if (made.status !== 201) throw new Error(`adding ${username}: ${await made.text()}`);
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const signIn = async (page: Page, username: string) => {
    await page.goto(`${api.url}/history`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/history/);
  };
  const row = (page: Page, callId: string) =>
    page.locator(`[data-role="callbacks"] tr[data-call="${callId}"]`);
  const floor = async (): Promise<LiveFloor> =>
    (await (await api.admin('GET', '/api/v1/live/floor?scope=tenant')).json()) as LiveFloor;

  it('lets a supervisor mark a call called back, without offering the full number', async () => {
    const page = await tvPage(browser, 'en-US');
    await signIn(page, 'sato');
    const first = row(page, 'cb-1');
    await first.waitFor();
    expect(await first.getAttribute('data-called-back')).toBe('no');
    expect(await first.locator('[data-role="caller"]').innerText()).toBe('***-****-2222');
    expect(await page.locator('[data-role="callbacks"] [data-action="reveal"]').count()).toBe(0);

    await first.locator('[data-action="mark"]').click();
    await page
      .locator('[data-role="callbacks"] [role="status"]', {
        hasText: 'cb-1 marked called back at 10:07',
      })
      .waitFor();
    await eventually(
      'the row marked',
      async () => (await first.getAttribute('data-called-back')) === 'yes',
    );
    expect(await first.locator('[data-role="status"]').innerText()).toBe('called back 10:07');
    expect(await first.locator('[data-action="mark"]').count()).toBe(0);
    // The mark is the floor's, so every TV shows it too.
    const marked = (await floor()).abandoned.find((c) => c.callId === 'cb-1');
    expect(marked?.calledBackAt).toBe(AT);
    expect(await page.content()).not.toContain('1111-2222');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a manager the mark and, on request, a caller’s number (audited), in Japanese', async () => {
    const page = await tvPage(browser, 'ja-JP');
    await signIn(page, 'kato');
    const panel = page.locator('[data-role="callbacks"]');
    const first = row(page, 'cb-1');
    const second = row(page, 'cb-2');
    await second.waitFor();
    await eventually('the panel in Japanese', async () =>
      (await panel.locator('h2').innerText()).includes('折り返し対応'),
    );
    expect(await first.locator('[data-role="status"]').innerText()).toBe('折り返し済 10:07');
    expect(await second.locator('[data-role="status"]').innerText()).toBe('未対応');
    expect(await page.content()).not.toContain('3333-4444');

    await second.locator('[data-action="reveal"]').click();
    await second.locator('[data-role="caller"] .revealed').waitFor();
    expect(await second.locator('[data-role="caller"]').innerText()).toBe(SECOND);
    // Only the number asked for is shown.
    expect(await first.locator('[data-role="caller"]').innerText()).toBe('***-****-2222');

    const audit = (await (
      await api.admin('GET', '/api/v1/audit?tenant=default')
    ).json()) as AuditEntry[];
    const reveals = audit.filter((e) => e.action === 'call.caller-revealed');
    expect(reveals.map((e) => [e.actor, e.actorRole, e.target])).toEqual([
      ['kato', 'manager', 'cb-2'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('3333-4444');

    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'callbacks');
    publishScreenshot('callbacks', 'callbacks');
    await page.context().close();
  });
});
