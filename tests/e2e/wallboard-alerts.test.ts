/**
 * The admin page's alert panel in Chromium: an admin saves a rule, a Slack channel and a
 * webhook as JSON, the answer shows the Slack URL and the signing secret only by id, a call
 * that breaches the rule reaches the webhook (a local receiver), and the audit log lists the
 * save and the send.
 */
import type { Browser } from 'playwright-core';
import { startHttpReceiver, type HttpReceiver } from '../support/alert-receivers';
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

const AT = '2026-11-24T10:07:00.000+09:00';
const SLACK_URL = 'https://hooks.slack.example/services/T0/B0/slack-e2e-s3cr3t';
const SIGNING_SECRET = 'signing-e2e-s3cr3t-0123456789';

describe('alert rules on the admin page in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    api = await startWallboardApi({ scenario: '001-hand', at: AT });
    receiver = await startHttpReceiver();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await api?.close();
  });

  it('saves a rule with a Slack channel and a webhook, never showing their secrets again, and lists each send', async () => {
    const page = await tvPage(browser, 'en-US');
    await signInAsAdmin(page, api);
    const panel = page.locator('[data-role="alert-rules"]');
    const editor = panel.locator('textarea[name="alert-rules"]');
    await eventually('the rules loaded', async () =>
      (await editor.inputValue()).includes('"rules": []'),
    );
    await editor.fill(
      JSON.stringify({
        language: 'en',
        channels: [
          { id: 'floor', name: 'Floor', kind: 'slack', url: SLACK_URL },
          {
            id: 'ops',
            name: 'Ops webhook',
            kind: 'webhook',
            url: `${receiver.url}/hook`,
            signingSecret: SIGNING_SECRET,
          },
        ],
        rules: [
          {
            id: 'queue',
            name: 'Support queue waiting',
            metric: 'live.inQueue',
            scope: 'queue:support',
            op: 'above',
            threshold: 0,
            channels: ['ops'],
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

    // A call waits in the support queue: the rule is breached and the webhook told, once.
    await api.post(
      JSON.stringify({
        id: 'e2e-alert-offered',
        type: 'call.offered',
        occurredAt: new Date(api.clock.now - 1_000).toISOString(),
        tenant: 'default',
        source: 'e2e',
        callId: 'e2e-alert-call',
        direction: 'inbound',
        queue: 'support',
      }),
    );
    await eventually('the webhook told', () => receiver.posts.length > 0);
    expect(receiver.posts.map((p) => p.path)).toEqual(['/hook']);
    expect(JSON.parse(receiver.posts[0]!.body)).toMatchObject({
      kind: 'breach',
      rule: { id: 'queue' },
    });
    // The send is in the audit log admins read, by rule and channel.
    const sent = page.locator('[data-role="audit"] tbody tr[data-action="alert.sent"]');
    await eventually('the send listed', async () => {
      await page.locator('[data-role="audit"] .head button').click();
      return (await sent.count()) === 1;
    });
    expect(await sent.innerText()).toContain('Alert sent');
    expect(await page.content()).not.toContain('s3cr3t');
    // The rule is at the end of the document: scrolled to, as a reader would.
    // Runs in the page (this file is compiled without DOM types).
    await editor.evaluate((e) => {
      const area = e as unknown as { scrollTop: number; scrollHeight: number };
      area.scrollTop = area.scrollHeight;
    });
    expect(await editor.inputValue()).toContain('"name": "Support queue waiting"');
    await screenshot(page, 'admin-alert-rules', panel);
    await screenshot(page, 'admin-alert-sends', page.locator('[data-role="audit"]'));
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});

/** The docs' screenshots come from this run when asked (see publishScreenshot). */
afterAll(() => {
  publishScreenshot('admin-alert-rules', 'admin-alert-rules');
  publishScreenshot('admin-alert-sends', 'admin-alert-sends');
});
