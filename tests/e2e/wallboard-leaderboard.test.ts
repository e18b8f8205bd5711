import type { Page } from 'playwright-core';
import type { TenantSettingsAnswer, WallboardInput } from '@mieruka/contracts';
import {
  eventually,
  missingKeys,
  pageErrors,
  publishScreenshot,
  screenshot,
} from '../support/browser';
import { boardOnTv } from '../support/board-on-tv';
import type { WallboardApi } from '../support/wallboard-api';

/** Golden scenario 002 (a Tuesday in Tokyo) at 15:00; the board below ranks a campaign of its own. */
const AT = '2026-11-24T15:00:00.000+09:00';
const CAMPAIGN = 'e2e-board';
const SCOPE = `campaign:${CAMPAIGN}`;

/** One campaign ranked by appointments with names, and by revenue without them. */
const board: WallboardInput = {
  id: 'board',
  tenant: 'default',
  name: 'Leaderboard',
  language: 'ja',
  pages: [
    {
      title: { ja: 'ランキング', en: 'Leaderboard' },
      columns: 3,
      tiles: [
        { kind: 'leaderboard', scope: SCOPE, leaderboard: { by: 'appointments', top: 5 } },
        {
          kind: 'leaderboard',
          scope: SCOPE,
          leaderboard: { by: 'revenue', top: 5, hideNames: true },
        },
        { kind: 'appointments', scope: SCOPE },
      ],
    },
  ],
};

/**
 * In the campaign: e2e-1 (山田) three appointments, e2e-2 (佐藤) two and an order of ¥12,000,
 * e2e-3 (no name) two and an order of ¥30,000 of which ¥5,000 cancelled, e2e-4 connects only.
 * e2e-1 also makes an appointment in another campaign, which this board does not count.
 */
function events(now: number): string {
  const at = (s: number) => new Date(now - 600_000 + s * 1000).toISOString();
  const base = { tenant: 'default', source: 'e2e', campaign: CAMPAIGN };
  const lines: Record<string, unknown>[] = [];
  let n = 0;
  const call = (agentId: string, disposition: string, campaign = CAMPAIGN) => {
    n++;
    const c = { ...base, campaign, callId: `lb-${n}`, direction: 'outbound', agentId };
    lines.push({ ...c, id: `lb-con-${n}`, type: 'call.connected', occurredAt: at(n * 3) });
    lines.push({
      ...c,
      id: `lb-wrap-${n}`,
      type: 'call.wrapped',
      occurredAt: at(n * 3 + 1),
      talkMs: 60_000,
      holdMs: 0,
      wrapMs: 10_000,
      disposition,
    });
  };
  const order = (agentId: string, type: string, amount: number) => {
    n++;
    lines.push({
      ...base,
      id: `lb-${type}-${n}`,
      type,
      occurredAt: at(n * 3),
      callId: `lb-${n}`,
      orderId: `lb-o-${agentId}`,
      agentId,
      amount,
      currency: 'JPY',
    });
  };
  for (let i = 0; i < 3; i++) call('e2e-1', 'appointment');
  call('e2e-1', 'appointment', 'e2e-elsewhere');
  for (let i = 0; i < 2; i++) call('e2e-2', 'appointment');
  for (let i = 0; i < 2; i++) call('e2e-3', 'appointment');
  call('e2e-4', 'no_interest');
  order('e2e-2', 'order.confirmed', 12_000);
  order('e2e-3', 'order.confirmed', 30_000);
  order('e2e-3', 'order.cancelled', 5_000);
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

const tile = (page: Page, by: string) => page.locator(`[data-tile="leaderboard"][data-by="${by}"]`);
/** Each row as [rank, name, value], best first. */
async function rows(page: Page, by: string): Promise<string[][]> {
  const cells = (role: string) => tile(page, by).locator(`[data-role="${role}"]`).allInnerTexts();
  const [ranks, names, values] = [await cells('rank'), await cells('name'), await cells('value')];
  return ranks.map((rank, i) => [rank, names[i] ?? '', values[i] ?? ''].map((t) => t.trim()));
}

describe('the leaderboard in Chromium: names the admin set, hidden where asked', () => {
  let api: WallboardApi;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ api, page, close } = await boardOnTv({
      scenario: '002-day-tokyo',
      at: AT,
      board,
      events,
      // The admin names two agents; the third shows its id.
      prepare: async (started) => {
        const current = (await (
          await started.admin('GET', '/api/v1/tenants/default')
        ).json()) as TenantSettingsAnswer;
        const saved = await started.admin('PUT', '/api/v1/tenants/default', {
          ...current.settings,
          agents: { 'e2e-1': { name: '山田' }, 'e2e-2': { name: '佐藤' } },
        });
        if (saved.status !== 200) throw new Error(`tenant settings: ${saved.status}`);
      },
    }));
  }, 120_000);

  afterAll(() => close?.());

  it('ranks the campaign’s agents by appointments today, by the names set, in Japanese', async () => {
    await eventually(
      'three agents ranked',
      async () => (await rows(page, 'appointments')).length === 3,
    );
    // Ties share a rank and are listed by name; the agent without a name shows its id.
    expect(await rows(page, 'appointments')).toEqual([
      ['1', '山田', '3'],
      ['2', 'e2e-3', '2'],
      ['2', '佐藤', '2'],
    ]);
    expect(await tile(page, 'appointments').innerText()).toContain('アポ数順');
  });

  it('ranks by revenue net of cancellations, with places instead of names', async () => {
    await eventually('two agents ranked', async () => (await rows(page, 'revenue')).length === 2);
    expect(await rows(page, 'revenue')).toEqual([
      ['1', '担当 1', '￥25,000'],
      ['2', '担当 2', '￥12,000'],
    ]);
    // Neither name nor id on the rows (the footer names the scope, a campaign).
    const text = await tile(page, 'revenue').locator('ol').innerText();
    for (const hidden of ['山田', '佐藤', 'e2e-']) expect(text).not.toContain(hidden);
    await screenshot(page, 'wallboard-leaderboard-ja');
  });

  it('says the same in English', async () => {
    await page.goto(`${api.url}/w/board?lang=en`);
    await eventually('English labels', async () =>
      (await tile(page, 'revenue').innerText()).includes('by revenue'),
    );
    await eventually(
      'three agents ranked',
      async () => (await rows(page, 'appointments')).length === 3,
    );
    expect((await rows(page, 'appointments'))[0]).toEqual(['1', '山田', '3']);
    expect((await rows(page, 'revenue'))[0]).toEqual(['1', 'Agent 1', '¥25,000']);
    expect(await tile(page, 'appointments').innerText()).toContain('Leaderboard');
    expect(await missingKeys(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('gives no names to a screen whose leaderboards hide them', async () => {
    await api.putWallboard({
      ...board,
      id: 'anonymous',
      pages: [{ ...board.pages[0]!, tiles: [board.pages[0]!.tiles[1]!] }],
    });
    const answer = (await (await api.admin('GET', '/api/v1/wallboards/anonymous')).json()) as {
      tenant: { agentNames?: unknown };
    };
    expect(answer.tenant.agentNames).toBeUndefined();
    const named = (await (await api.admin('GET', '/api/v1/wallboards/board')).json()) as {
      tenant: { agentNames?: unknown };
    };
    expect(named.tenant.agentNames).toEqual({ 'e2e-1': '山田', 'e2e-2': '佐藤' });
  });
});

/** The README's leaderboard screenshot comes from this run when asked (see publishScreenshot). */
afterAll(() => publishScreenshot('wallboard-leaderboard-ja', 'wallboard-leaderboard'));
