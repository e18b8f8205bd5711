import { describe, expect, it } from '@jest/globals';
import { LEADER_METRICS, WINDOWS } from '@mieruka/contracts';
import {
  addPage,
  addTile,
  movePage,
  moveTile,
  parseDraft,
  previewTile,
  removePage,
  removeTile,
  setColumns,
  setKind,
  setLabel,
  setLanguage,
  setLeaderboard,
  setName,
  setPageTitle,
  setRotateSeconds,
  setScope,
  setSound,
  setSpan,
  setThreshold,
  setWindow,
  takesSound,
  takesThresholds,
  takesWindow,
  LEADER_METRIC_CHOICES,
  WINDOW_CHOICES,
  type LayoutDraft,
} from './edit';

const draft = (): LayoutDraft => ({
  id: 'floor',
  name: 'Floor',
  pages: [
    { title: { en: 'One' }, tiles: [{ kind: 'serviceLevel' }, { kind: 'waiting' }] },
    { title: { en: 'Two' }, tiles: [{ kind: 'orders' }] },
  ],
});
const kinds = (d: LayoutDraft, page: number) => d.pages[page]?.tiles.map((t) => t.kind);
const titles = (d: LayoutDraft) => d.pages.map((p) => p.title?.en);

describe('layout edits', () => {
  it('adds a page with one service-level tile, as a page needs a tile', () => {
    const next = addPage(draft());
    expect(next.pages).toHaveLength(3);
    expect(next.pages[2]).toEqual({ tiles: [{ kind: 'serviceLevel' }] });
  });

  it('removes and moves pages, leaving the draft it was given unchanged', () => {
    const before = draft();
    expect(titles(removePage(before, 0))).toEqual(['Two']);
    expect(titles(movePage(before, 0, 1))).toEqual(['Two', 'One']);
    expect(titles(movePage(before, 1, -1))).toEqual(['Two', 'One']);
    // Past either end nothing moves.
    expect(titles(movePage(before, 0, -1))).toEqual(['One', 'Two']);
    expect(titles(movePage(before, 1, 1))).toEqual(['One', 'Two']);
    expect(titles(before)).toEqual(['One', 'Two']);
  });

  it('adds, removes and moves tiles on one page only', () => {
    const added = addTile(draft(), 1, 'revenue');
    expect(kinds(added, 1)).toEqual(['orders', 'revenue']);
    expect(kinds(added, 0)).toEqual(['serviceLevel', 'waiting']);
    expect(kinds(removeTile(draft(), 0, 0), 0)).toEqual(['waiting']);
    expect(kinds(moveTile(draft(), 0, 1, -1), 0)).toEqual(['waiting', 'serviceLevel']);
    expect(kinds(moveTile(draft(), 0, 1, 1), 0)).toEqual(['serviceLevel', 'waiting']);
  });

  it('sets a kind, dropping thresholds a panel cannot take and options of another kind', () => {
    let d = setThreshold(draft(), 0, 0, 'ok', 0.8);
    d = setThreshold(d, 0, 0, 'warn', 0.6);
    expect(setKind(d, 0, 0, 'asaMs').pages[0]?.tiles[0]).toEqual({
      kind: 'asaMs',
      thresholds: { ok: 0.8, warn: 0.6 },
    });
    expect(setKind(d, 0, 0, 'agentGrid').pages[0]?.tiles[0]).toEqual({ kind: 'agentGrid' });
    const leader = {
      ...draft(),
      pages: [{ tiles: [{ kind: 'leaderboard' as const, leaderboard: { top: 5 } }] }],
    };
    expect(setKind(leader, 0, 0, 'answered').pages[0]?.tiles[0]).toEqual({ kind: 'answered' });
    expect(takesThresholds('serviceLevel')).toBe(true);
    expect(takesThresholds('funnel')).toBe(false);
  });

  it('sets a scope, an empty one being the whole tenant', () => {
    expect(setScope(draft(), 0, 1, ' queue:support ').pages[0]?.tiles[1]?.scope).toBe(
      'queue:support',
    );
    expect(setScope(draft(), 0, 1, '').pages[0]?.tiles[1]?.scope).toBe('tenant');
  });

  it('sets each threshold, keeps a half pair for the API to refuse, clears both to none', () => {
    const ok = setThreshold(draft(), 0, 0, 'ok', 0.9);
    expect(ok.pages[0]?.tiles[0]?.thresholds).toEqual({ ok: 0.9 });
    const both = setThreshold(ok, 0, 0, 'warn', 0.7);
    expect(both.pages[0]?.tiles[0]?.thresholds).toEqual({ ok: 0.9, warn: 0.7 });
    const halfCleared = setThreshold(both, 0, 0, 'ok', Number.NaN);
    expect(halfCleared.pages[0]?.tiles[0]?.thresholds).toEqual({ warn: 0.7 });
    const none = setThreshold(halfCleared, 0, 0, 'warn', undefined);
    expect(none.pages[0]?.tiles[0]).toEqual({ kind: 'serviceLevel' });
  });

  it('sets the seconds each page stays', () => {
    expect(setRotateSeconds(draft(), 45).rotateSeconds).toBe(45);
  });

  it('sets the name in the header and the screen language', () => {
    const named = setLanguage(setName(draft(), 'Floor 3'), 'en');
    expect([named.name, named.language]).toEqual(['Floor 3', 'en']);
  });

  it('sets a page title per language and its columns, dropping what is emptied', () => {
    const titled = setPageTitle(draft(), 0, 'ja', ' 受電 ');
    expect(titled.pages[0]?.title).toEqual({ en: 'One', ja: '受電' });
    const noEnglish = setPageTitle(titled, 0, 'en', '');
    expect(noEnglish.pages[0]?.title).toEqual({ ja: '受電' });
    expect(setPageTitle(noEnglish, 0, 'ja', ' ').pages[0]).not.toHaveProperty('title');
    const three = setColumns(draft(), 1, 3);
    expect(three.pages[1]?.columns).toBe(3);
    expect(setColumns(three, 1, undefined).pages[1]).not.toHaveProperty('columns');
    expect(three.pages[0]).not.toHaveProperty('columns');
  });

  it("sets a tile's window, width, label per language and beep", () => {
    let d = setWindow(draft(), 0, 0, 'rolling60');
    d = setSpan(d, 0, 0, 2);
    d = setLabel(d, 0, 0, 'ja', 'SL サポート');
    d = setLabel(d, 0, 0, 'en', 'SL support');
    d = setSound(d, 0, 0, true);
    expect(d.pages[0]?.tiles[0]).toEqual({
      kind: 'serviceLevel',
      window: 'rolling60',
      span: 2,
      label: { ja: 'SL サポート', en: 'SL support' },
      sound: true,
    });
    // Cleared, each leaves the JSON: the contract's default applies again.
    d = setSpan(setSound(d, 0, 0, false), 0, 0, undefined);
    d = setLabel(setLabel(d, 0, 0, 'ja', ''), 0, 0, 'en', '');
    expect(d.pages[0]?.tiles[0]).toEqual({ kind: 'serviceLevel', window: 'rolling60' });
    // The form's choices are the contract's, in its order.
    expect(WINDOW_CHOICES).toEqual([...WINDOWS]);
  });

  it('offers a window and a beep only where the tile reads a window or turns red', () => {
    expect([takesWindow('serviceLevel'), takesWindow('funnel'), takesWindow('orderBook')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([takesWindow('agentGrid'), takesWindow('leaderboard'), takesWindow('kgis')]).toEqual([
      false,
      false,
      false,
    ]);
    expect([takesSound('waiting'), takesSound('agentGrid')]).toEqual([true, false]);
    // A panel drops the beep and a live tile the window when the kind changes.
    const loud = setWindow(setSound(draft(), 0, 0, true), 0, 0, 'rolling15');
    expect(setKind(loud, 0, 0, 'agentGrid').pages[0]?.tiles[0]).toEqual({ kind: 'agentGrid' });
    expect(setKind(loud, 0, 0, 'abandonRate').pages[0]?.tiles[0]).toEqual({
      kind: 'abandonRate',
      sound: true,
      window: 'rolling15',
    });
  });

  it("sets a leaderboard's options one at a time, keeping the others", () => {
    const board = setKind(draft(), 1, 0, 'leaderboard');
    let d = setLeaderboard(board, 1, 0, { by: 'revenue' });
    d = setLeaderboard(d, 1, 0, { top: 5 });
    d = setLeaderboard(d, 1, 0, { hideNames: true });
    expect(d.pages[1]?.tiles[0]).toEqual({
      kind: 'leaderboard',
      leaderboard: { by: 'revenue', top: 5, hideNames: true },
    });
    expect(LEADER_METRIC_CHOICES).toEqual([...LEADER_METRICS]);
  });

  it('fills the contract defaults for the preview, showing only a complete threshold pair', () => {
    expect(previewTile({ kind: 'serviceLevel', thresholds: { ok: 0.8 } })).toEqual({
      kind: 'serviceLevel',
      scope: 'tenant',
      window: 'today',
      sound: false,
      span: 1,
    });
    expect(
      previewTile({ kind: 'asaMs', scope: 'queue:a', thresholds: { ok: 1, warn: 2 } }),
    ).toMatchObject({ scope: 'queue:a', thresholds: { ok: 1, warn: 2 } });
  });

  it('reads a draft from JSON text, or nothing the form could show', () => {
    expect(parseDraft(JSON.stringify(draft()))).toEqual(draft());
    expect(parseDraft('{ not json')).toBeNull();
    expect(parseDraft('[]')).toBeNull();
    expect(parseDraft('{"pages":[{"title":"x"}]}')).toBeNull();
  });
});
