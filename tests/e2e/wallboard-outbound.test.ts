import type { Page } from 'playwright-core';
import type { WallboardInput } from '@mieruka/contracts';
import {
  eventually,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
} from '../support/browser';
import { boardOnTv } from '../support/board-on-tv';
import type { WallboardApi } from '../support/wallboard-api';

/** Golden scenario 002 (a Tuesday in Tokyo) at 15:00; the lists below are a campaign of their own. */
const AT = '2026-11-24T15:00:00.000+09:00';
const CAMPAIGN = 'e2e-lists';
const SCOPE = `campaign:${CAMPAIGN}`;

/** The outbound page as a テレアポ floor shows it, the list tiles on one campaign. */
const outbound: WallboardInput = {
  id: 'outbound',
  tenant: 'default',
  name: 'Outbound',
  language: 'ja',
  pages: [
    {
      title: { ja: '発信', en: 'Outbound' },
      columns: 4,
      tiles: [
        { kind: 'dials' },
        { kind: 'connectRate' },
        { kind: 'appointments' },
        { kind: 'orders' },
        { kind: 'funnel', span: 2 },
        { kind: 'kgis', span: 2 },
        { kind: 'lists', scope: SCOPE, span: 2 },
        { kind: 'dialOutcomes', scope: SCOPE, span: 2 },
      ],
    },
  ],
};

/**
 * Two lists: L1 (10 registered) dialled four times over three entries — one connect, no answer,
 * 現アナ, FAX on a re-dial; L2 (4 registered) once, busy. So L1 is 3/10 worked (30 %), 7 left,
 * 1 of 3 contacted; L2 1/4 (25 %), 3 left; five dials ended, a fifth each way.
 */
function events(now: number): string {
  const base = { tenant: 'default', source: 'e2e', campaign: CAMPAIGN };
  const at = (s: number) => new Date(now - 60_000 + s * 1000).toISOString();
  const lines: Record<string, unknown>[] = [
    { ...base, id: 'o-load-1', type: 'list.loaded', occurredAt: at(0), listId: 'L1', count: 10 },
    { ...base, id: 'o-load-2', type: 'list.loaded', occurredAt: at(0), listId: 'L2', count: 4 },
  ];
  const dials: [call: string, list: string, entry: string, end: string][] = [
    ['c1', 'L1', 'e1', 'connected'],
    ['c2', 'L1', 'e2', 'no_answer'],
    ['c3', 'L1', 'e3', 'invalid_number'],
    ['c4', 'L1', 'e1', 'fax'],
    ['c5', 'L2', 'f1', 'busy'],
  ];
  dials.forEach(([callId, listId, entryId, end], i) => {
    const call = { ...base, callId, direction: 'outbound', listId, entryId };
    lines.push({ ...call, id: `o-dial-${callId}`, type: 'call.dialed', occurredAt: at(i * 2 + 1) });
    lines.push(
      end === 'connected'
        ? {
            ...call,
            id: `o-end-${callId}`,
            type: 'call.connected',
            agentId: 'a-1',
            occurredAt: at(i * 2 + 2),
          }
        : {
            ...call,
            id: `o-end-${callId}`,
            type: 'call.failed',
            outcome: end,
            occurredAt: at(i * 2 + 2),
          },
    );
  });
  // The connect ends in an appointment: the campaign funnel's last outbound step.
  lines.push({
    ...base,
    id: 'o-wrap-c1',
    type: 'call.wrapped',
    occurredAt: at(20),
    callId: 'c1',
    direction: 'outbound',
    agentId: 'a-1',
    talkMs: 60_000,
    holdMs: 0,
    wrapMs: 10_000,
    disposition: 'appointment',
  });
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

const tile = (page: Page, kind: string) => page.locator(`[data-tile="${kind}"]`);
const listRow = (page: Page, id: string) => tile(page, 'lists').locator(`li[data-list="${id}"]`);
const outcome = (page: Page, name: string) =>
  tile(page, 'dialOutcomes').locator(`li[data-outcome="${name}"]`);

describe('the outbound tiles in Chromium: list progress and dial outcomes', () => {
  let api: WallboardApi;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ api, page, close } = await boardOnTv({
      scenario: '002-day-tokyo',
      at: AT,
      board: outbound,
      events,
    }));
  }, 120_000);

  afterAll(() => close?.());

  it('shows each list’s 作業数/登録数, progress, remaining and contact rate in Japanese', async () => {
    await eventually(
      'both lists drawn',
      async () => (await tile(page, 'lists').locator('li').count()) === 2,
    );
    // Most progressed first: L1 (30 %) before L2 (25 %).
    expect(
      await tile(page, 'lists')
        .locator('li')
        .evaluateAll((els) =>
          els.map((e) => (e as unknown as { dataset: { list: string } }).dataset.list),
        ),
    ).toEqual(['L1', 'L2']);
    const l1 = listRow(page, 'L1');
    expect(await l1.locator('[data-role="counts"]').innerText()).toMatch(
      /作業数\s*3\s*\/\s*登録数\s*10/,
    );
    expect(await l1.locator('[data-role="progress"]').innerText()).toBe('30.0%');
    expect(await l1.locator('[data-role="remaining"]').innerText()).toBe('残り 7');
    expect(await l1.locator('[data-role="contact-rate"]').innerText()).toBe('接続率 33.3%');
    const l2 = listRow(page, 'L2');
    expect(await l2.locator('[data-role="progress"]').innerText()).toBe('25.0%');
    expect(await l2.locator('[data-role="remaining"]').innerText()).toBe('残り 3');
    expect(await l2.locator('[data-role="contact-rate"]').innerText()).toBe('接続率 0.0%');
  });

  it('shows how the dials ended, with counts and shares, in Japanese', async () => {
    await eventually(
      'the outcomes counted',
      async () => (await outcome(page, 'busy').getAttribute('data-count')) === '1',
    );
    for (const [name, word, count, share] of [
      ['connected', '接続', '1', '20.0%'],
      ['no_answer', '不応答', '1', '20.0%'],
      ['busy', '話中', '1', '20.0%'],
      ['invalid_number', '現アナ', '1', '20.0%'],
      ['fax', 'FAX', '1', '20.0%'],
      ['answering_machine', '留守電', '0', '0.0%'],
      ['rejected', '拒否', '0', '0.0%'],
      ['other', 'その他', '0', '0.0%'],
    ] as const) {
      const row = outcome(page, name);
      expect(await row.innerText()).toContain(word);
      expect(await row.locator('[data-role="count"]').innerText()).toBe(count);
      expect(await row.locator('[data-role="share"]').innerText()).toBe(share);
    }
    expect(await tile(page, 'dialOutcomes').innerText()).toContain('発信終了 5');
    await screenshot(page, 'wallboard-outbound-ja');
  });

  it('draws one funnel per campaign at the tenant scope, without the inbound orders', async () => {
    // The scenario's tenant has 286 orders, mostly the inbound desk's; this campaign took none.
    const funnel = tile(page, 'funnel').locator('[data-campaign="e2e-lists"]');
    await eventually('the campaign funnel', async () => (await funnel.locator('li').count()) === 5);
    expect(
      await funnel
        .locator('li')
        .evaluateAll((els) =>
          els.map((e) => (e as unknown as { dataset: { value: string } }).dataset.value),
        ),
    ).toEqual(['14', '4', '1', '1', '0']);
    expect(await tile(page, 'funnel').locator('[data-role="campaign-name"]').innerText()).toBe(
      'e2e-lists',
    );
    expect(await funnel.textContent()).toMatch(/登録数\s*14[\s\S]*作業数\s*4/);
  });

  it('draws a second campaign beside the first once it loads a list, each from its own room', async () => {
    const at = new Date(api.clock.now - 1000).toISOString();
    const other = { tenant: 'default', source: 'e2e', campaign: 'e2e-other', occurredAt: at };
    await api.post(
      [
        { ...other, id: 'o-load-3', type: 'list.loaded', listId: 'L3', count: 5 },
        {
          ...other,
          id: 'o-dial-c9',
          type: 'call.dialed',
          callId: 'c9',
          direction: 'outbound',
          listId: 'L3',
          entryId: 'g1',
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const columns = tile(page, 'funnel').locator('[data-role="campaign-funnel"]');
    await eventually('two campaign funnels', async () => (await columns.count()) === 2);
    const values = (campaign: string) =>
      tile(page, 'funnel')
        .locator(`[data-campaign="${campaign}"] li`)
        .evaluateAll((els) =>
          els.map((e) => (e as unknown as { dataset: { value: string } }).dataset.value),
        );
    await eventually(
      'the second campaign’s room answered',
      async () => (await values('e2e-other')).length === 5,
    );
    expect(await values('e2e-lists')).toEqual(['14', '4', '1', '1', '0']);
    expect(await values('e2e-other')).toEqual(['5', '1', '0', '0', '0']);
    expect(await tile(page, 'funnel').locator('[data-campaign="e2e-lists"]').innerText()).toMatch(
      /作業数\s*4\s*28\.6%/,
    );
    await screenshot(page, 'wallboard-outbound-campaigns');
  });

  it('says the same in English', async () => {
    await page.goto(`${api.url}/w/outbound?lang=en`);
    await eventually(
      'English lists',
      async () =>
        (await listRow(page, 'L1').locator('[data-role="remaining"]').innerText()) ===
        'Remaining 7',
    );
    expect(await listRow(page, 'L1').locator('[data-role="counts"]').innerText()).toMatch(
      /Worked\s*3\s*\/\s*Registered\s*10/,
    );
    expect(await listRow(page, 'L1').locator('[data-role="contact-rate"]').innerText()).toBe(
      'Contact rate 33.3%',
    );
    expect(await outcome(page, 'invalid_number').innerText()).toContain('Invalid number');
    expect(await outcome(page, 'answering_machine').innerText()).toContain('Answering machine');
    expect(await tile(page, 'dialOutcomes').innerText()).toContain('Dials ended: 5');
    expect(await tile(page, 'funnel').locator('[data-campaign="e2e-lists"]').textContent()).toMatch(
      /Registered\s*14[\s\S]*Contacted\s*1/,
    );
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});

/** The README's outbound screenshot comes from this run when asked (see publishScreenshot). */
afterAll(() => publishScreenshot('wallboard-outbound-ja', 'wallboard-outbound'));
