/**
 * The admin page's alert panel in Chromium: an admin saves a rule and a Slack channel as JSON,
 * the answer shows the webhook URL only by id, and the audit log lists the save.
 */
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, missingKeys, pageErrors, tvPage } from '../support/browser';
import { ADMIN_PASSWORD, ADMIN_USER } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

const AT = '2026-11-24T10:07:00.000+09:00';
const SLACK_URL = 'https://hooks.slack.example/services/T0/B0/slack-e2e-s3cr3t';

describe('alert rules on the admin page in Chromium', () => {
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

  it('saves a rule and a Slack channel, never showing the webhook URL again', async () => {
    const page = await tvPage(browser, 'en-US');
    await page.goto(`${api.url}/login?next=/admin/wallboards`);
    await page.fill('input[name="username"]', ADMIN_USER);
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin\/wallboards$/);
    const panel = page.locator('[data-role="alert-rules"]');
    const editor = panel.locator('textarea[name="alert-rules"]');
    await eventually('the rules loaded', async () =>
      (await editor.inputValue()).includes('"rules": []'),
    );
    await editor.fill(
      JSON.stringify({
        language: 'en',
        channels: [{ id: 'floor', name: 'Floor', kind: 'slack', url: SLACK_URL }],
        rules: [
          {
            id: 'queue',
            name: 'Queue long',
            metric: 'live.inQueue',
            op: 'above',
            threshold: 5,
            channels: ['floor'],
          },
        ],
      }),
    );
    await panel.locator('button[type="submit"]').click();
    await panel.locator('[role="status"]').waitFor();
    expect(await editor.inputValue()).toContain('"keep": "s-');
    expect(await editor.inputValue()).not.toContain('s3cr3t');
    const audit = page.locator('[data-role="audit"] tbody tr');
    await eventually('the audit log lists the save', async () =>
      /Alert rules saved/.test((await audit.allInnerTexts()).join('\n')),
    );
    expect(await page.content()).not.toContain('s3cr3t');
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
