import type { Browser } from 'playwright-core';
import {
  TILE_KINDS,
  type AuditEntry,
  type WallboardAnswer,
  type WallboardInput,
} from '@mieruka/contracts';
import {
  attributes,
  eventually,
  launchBrowser,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
  tvPage,
} from '../support/browser';
import { signInAsAdmin } from '../support/board-on-tv';
import { login } from '../support/test-app';
import { startWallboardApi, type WallboardApi } from '../support/wallboard-api';

/** Golden scenario 001 (a small morning in Tokyo) at 10:07. */
const AT = '2026-11-24T10:07:00.000+09:00';

const rotating: WallboardInput = {
  id: 'rotating',
  name: 'Rotating board',
  language: 'en',
  rotateSeconds: 5,
  pages: [
    {
      title: { en: 'First', ja: '1ページ目' },
      columns: 2,
      tiles: [{ kind: 'serviceLevel' }, { kind: 'waiting' }],
    },
    {
      title: { en: 'Second', ja: '2ページ目' },
      columns: 2,
      tiles: [{ kind: 'orders' }, { kind: 'revenue' }],
    },
  ],
};

describe('wallboard layouts, pairing and the admin page in Chromium', () => {
  let api: WallboardApi;
  let browser: Browser;

  beforeAll(async () => {
    // A webhook secret, so the admin page has an adapter to show.
    api = await startWallboardApi({
      scenario: '001-hand',
      at: AT,
      env: { MIERUKA_WEBHOOK_SECRETS: 'layout-test-secret-0123456789' },
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    publishScreenshot('admin-adapters', 'admin-adapters');
  });

  it('tells an unpaired screen how to pair, in both languages', async () => {
    const page = await tvPage(browser);
    await page.goto(api.url);
    const banner = page.locator('[role="alert"][data-connection="unpaired"]');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('この画面は未登録です');
    expect(text).toContain('This screen is not paired');
    expect(await missingKeys(page)).toEqual([]);
    await screenshot(page, 'wallboard-unpaired');
    await page.context().close();
  });

  it('rotates the pages of a stored layout, in the language the layout names', async () => {
    await api.putWallboard(rotating);
    const page = await tvPage(browser, 'ja-JP');
    await page.goto(`${api.url}/w/rotating#display=${(await api.displayToken('rotating')).token}`);
    const board = page.locator('main.board');
    await eventually('live', async () => (await board.getAttribute('data-connection')) === 'live');
    expect(await board.getAttribute('data-language')).toBe('en');
    expect(await page.locator('[data-role="page-title"]').innerText()).toBe('· First');
    expect(await attributes(page.locator('[data-tile]'), 'data-tile')).toEqual([
      'serviceLevel',
      'waiting',
    ]);
    await eventually(
      'the second page',
      async () => (await board.getAttribute('data-page')) === '1',
      30_000,
    );
    expect(await page.locator('[data-role="page-title"]').innerText()).toBe('· Second');
    expect(await page.locator('[data-tile="revenue"] [data-role="value"]').innerText()).toBe(
      '¥12,800',
    );
    await eventually(
      'back to the first',
      async () => (await board.getAttribute('data-page')) === '0',
      30_000,
    );
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('takes a screen off the air the moment its display token is revoked', async () => {
    const page = await tvPage(browser);
    const tv = await api.displayToken('lobby');
    await page.goto(`${api.url}/#display=${tv.token}`);
    const board = page.locator('main.board');
    await eventually('live', async () => (await board.getAttribute('data-connection')) === 'live');
    // Not stored: the default layout, said so in small print.
    expect(await page.locator('.note-default').innerText()).toContain('標準レイアウト');
    expect((await api.admin('DELETE', `/api/v1/display-tokens/${tv.id}`)).status).toBe(204);
    const banner = page.locator('[role="alert"][data-connection="revoked"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('display token was revoked');
    await page.context().close();
  });

  it('lets an admin sign in, see validation problems and save a layout', async () => {
    const page = await tvPage(browser, 'en-US');
    await signInAsAdmin(page, api);
    const editor = page.locator('textarea[name="definition"]');
    await eventually('the default layout loaded', async () =>
      (await editor.inputValue()).includes('"serviceLevel"'),
    );
    // The adapters' health, as /api/v1/health reports it.
    const webhook = page.locator('[data-role="adapters"] tr[data-adapter="webhook"]');
    await webhook.waitFor();
    expect(await webhook.innerText()).toContain('HTTP (waits for posts)');

    await page.fill('input[name="id"]', 'floor-9');
    await editor.fill('{ not json');
    await page.click('button[type="submit"]');
    expect(await page.locator('[data-role="problems"]').innerText()).toContain('Not valid JSON');

    await editor.fill(
      JSON.stringify({
        name: 'Floor 9',
        rotateSeconds: 2,
        pages: [{ tiles: [{ kind: 'weather' }] }],
      }),
    );
    await page.click('button[type="submit"]');
    const problems = page.locator('[data-role="problems"] li');
    await eventually('the API explains', async () => (await problems.count()) >= 2);
    const listed = (await problems.allInnerTexts()).join('\n');
    expect(listed).toContain('rotateSeconds:');
    // Every tile kind is named, under its current name (the KPI's key for a KPI's tile).
    expect(listed).toContain(`pages.0.tiles.0.kind: must be one of ${TILE_KINDS.join(', ')}`);

    await editor.fill(
      JSON.stringify({ name: 'Floor 9', pages: [{ tiles: [{ kind: 'orders' }] }] }),
    );
    await page.click('button[type="submit"]');
    await page.locator('[role="status"]', { hasText: 'Saved floor-9' }).waitFor();
    const stored = (await (
      await api.admin('GET', '/api/v1/wallboards/floor-9')
    ).json()) as WallboardAnswer;
    expect(stored).toMatchObject({
      stored: true,
      wallboard: { name: 'Floor 9', rotateSeconds: 30 },
    });

    // Pairing a TV from the same page: a link with the token, shown once.
    await page.click('section.pair button');
    const link = await page.locator('[data-role="pairing-link"]').innerText();
    expect(link).toMatch(new RegExp(`^${api.url}/w/floor-9#display=mdt_`));
    // The audit log below lists both changes, read-only, and never the token.
    const audit = page.locator('[data-role="audit"] tbody tr');
    await eventually('the audit log lists the pairing', async () =>
      (await audit.allInnerTexts()).some((row) => /TV paired.*wallboard: floor-9/s.test(row)),
    );
    const rows = (await audit.allInnerTexts()).join('\n');
    expect(rows).toMatch(/Wallboard saved\s+floor-9/);
    expect(rows).not.toContain('mdt_');
    // Each entry's time is the centre's (the tenant's zone), not this screen's (UTC).
    const entries = (await (await api.admin('GET', '/api/v1/audit')).json()) as AuditEntry[];
    // H:MM:SS on a 0-23 clock (a leading zero dropped: locales differ there).
    const clockIn = (timeZone: string, iso: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, timeStyle: 'medium', hourCycle: 'h23' })
        .format(Date.parse(iso))
        .replace(/^0(?=\d)/, '');
    const shown = await page.locator('[data-role="audit"] tbody tr td:first-child').allInnerTexts();
    expect(stored.tenant.timezone).not.toBe('UTC');
    expect(
      shown.map((cell) => /\d{1,2}:\d{2}:\d{2}/.exec(cell)?.[0]?.replace(/^0(?=\d)/, '')),
    ).toEqual(entries.slice(0, shown.length).map((e) => clockIn(stored.tenant.timezone, e.at)));
    // The paired TV is listed, never used yet, and revocable.
    const tvs = page.locator('[data-role="display-tokens"] tbody tr');
    await eventually('the paired TVs list the new screen', async () =>
      (await tvs.allInnerTexts()).some((row) => /floor-9/.test(row) && /never/.test(row)),
    );

    // An ingest key for a PBX: shown once, works for posting, revoked from the same panel.
    const keys = page.locator('[data-role="ingest-keys"]');
    await keys.locator('input[name="keyLabel"]').fill('Asterisk floor 9');
    await keys.locator('button[type="submit"]').click();
    const key = await keys.locator('[data-role="new-ingest-key"]').innerText();
    expect(key).toMatch(/^mik_/);
    const post = () =>
      fetch(`${api.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify({
          id: 'e2e-key-1',
          type: 'call.offered',
          occurredAt: AT,
          source: 'asterisk-ami',
          callId: 'c-e2e-key-1',
          direction: 'inbound',
          queue: 'support',
        }),
      });
    expect((await post()).status).toBe(200);
    const keyRow = keys.locator('tbody tr', { hasText: 'Asterisk floor 9' });
    await keyRow.locator('[data-role="revoke"]').click();
    await keyRow.locator('[data-role="revoked"]').waitFor();
    expect((await post()).status).toBe(401);
    await eventually('the audit log lists the key', async () =>
      (await audit.allInnerTexts()).some((row) => /Ingest key revoked/.test(row)),
    );
    expect((await audit.allInnerTexts()).join('\n')).not.toContain('mik_');

    // Users: a supervisor limited to team:blue, added through the panel and listed with its scope.
    const users = page.locator('[data-role="users"]');
    const addUser = users.locator('[data-role="add-user"]');
    await addUser.locator('input[name="newUsername"]').fill('sv-blue');
    await addUser.locator('input[name="newPassword"]').fill('blue-team-password-1');
    await addUser.locator('select[name="newRole"]').selectOption('supervisor');
    await addUser.locator('input[name="newScopes"]').fill('team:blue');
    await addUser.locator('button[type="submit"]').click();
    const blue = users.locator('tbody tr[data-username="sv-blue"]');
    await blue.waitFor();
    expect(await blue.locator('[data-role="scopes"]').innerText()).toBe('team:blue');
    expect(await blue.innerText()).toContain('Supervisor');
    // A manager is never limited: the API refuses, and the panel says why.
    await addUser.locator('input[name="newUsername"]').fill('mgr-blue');
    await addUser.locator('input[name="newPassword"]').fill('manager-password-1');
    await addUser.locator('select[name="newRole"]').selectOption('manager');
    await addUser.locator('input[name="newScopes"]').fill('team:blue');
    await addUser.locator('button[type="submit"]').click();
    const refusal = users.locator('[data-role="users-problem"]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('only a supervisor can be limited to scopes');
    expect(await users.locator('tbody tr[data-username="mgr-blue"]').count()).toBe(0);
    // A lost password: the admin sets a new one; it signs in, the old one no longer does.
    await blue.locator('input[name="resetPassword"]').fill('blue-team-password-2');
    await blue.locator('[data-role="set-password"] button').click();
    await eventually('the panel confirms', async () =>
      (await users.locator('[role="status"]').innerText()).includes(
        'Set a new password for sv-blue',
      ),
    );
    expect((await login(api.url, 'sv-blue', 'blue-team-password-2')).user.username).toBe('sv-blue');
    const oldPassword = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sv-blue', password: 'blue-team-password-1' }),
    });
    expect(oldPassword.status).toBe(401);
    // Disabled: marked in the list, and the audit log lists both user changes.
    await blue.locator('[data-role="toggle-disabled"]').click();
    await blue.locator('[data-role="disabled"]').waitFor();
    expect(await blue.locator('[data-role="toggle-disabled"]').innerText()).toBe('Enable');
    await users.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-users');
    await eventually('the audit log lists the user changes', async () => {
      const texts = (await audit.allInnerTexts()).join('\n');
      return /User added\s+sv-blue/.test(texts) && /User changed\s+sv-blue/.test(texts);
    });
    for (const password of ['blue-team-password-1', 'blue-team-password-2']) {
      expect((await audit.allInnerTexts()).join('\n')).not.toContain(password);
    }
    const disabledUser = (await (await api.admin('GET', '/api/v1/users')).json()) as {
      username: string;
      disabled: boolean;
      scopes: string[];
    }[];
    expect(disabledUser.find((u) => u.username === 'sv-blue')).toMatchObject({
      disabled: true,
      scopes: ['team:blue'],
    });
    expect(await missingKeys(page)).toEqual([]);
    // A signed-in admin's browser shows any wallboard with the session (no display token).
    await page.goto(`${api.url}/w/floor-9`);
    await eventually(
      'live with the session',
      async () => (await page.locator('main.board').getAttribute('data-connection')) === 'live',
    );
    expect(await page.locator('[data-tile="orders"] [data-role="value"]').innerText()).toBe('1');
    await page.context().close();
  }, 60_000);
  it('lets an admin switch an adapter on, never showing its secret', async () => {
    const page = await tvPage(browser, 'en-US');
    await signInAsAdmin(page, api);
    const panel = page.locator('[data-role="adapter-settings"]');
    const twilio = panel.locator('tr[data-adapter="twilio"]');
    await twilio.waitFor();
    expect(await twilio.innerText()).toMatch(/twilio\s+off\s+environment variables/);
    await twilio.locator('button').click();
    const editor = panel.locator('textarea[name="adapter-settings"]');
    await eventually('the settings loaded', async () =>
      (await editor.inputValue()).includes('"enabled": false'),
    );

    await editor.fill('{ "enabled": true }');
    await panel.locator('button[type="submit"]').click();
    const problems = panel.locator('[role="alert"] li');
    await problems.first().waitFor();
    expect(await problems.allInnerTexts()).toEqual([
      'publicUrl: is required: Twilio signs the URL it calls',
      'authTokens: at least one auth token is required to enable Twilio',
    ]);

    const token = 'twilioAuthToken0123456789';
    await editor.fill(
      JSON.stringify({
        enabled: true,
        publicUrl: 'https://wallboard.example.com',
        authTokens: [token],
      }),
    );
    await panel.locator('button[type="submit"]').click();
    await panel.locator('[role="status"]').waitFor();
    expect(await editor.inputValue()).toContain('"keep": "s-');
    expect(await editor.inputValue()).not.toContain(token);
    await eventually('the list shows it on', async () =>
      /twilio\s+on\s+saved by an admin/.test(await twilio.innerText()),
    );
    const audit = page.locator('[data-role="audit"] tbody tr');
    await eventually('the audit log lists the save', async () =>
      /Adapter settings saved\s+twilio/.test((await audit.allInnerTexts()).join('\n')),
    );
    expect(await page.content()).not.toContain(token);
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    expect(await panel.locator('p.state').innerText()).toContain('each reads { "keep": id }');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-adapters');
    await page.context().close();
  }, 60_000);
});
