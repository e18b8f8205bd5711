import type { Tile, TileInput, WallboardInput, WallboardPage } from '@mieruka/contracts';
import { PANEL_KINDS } from '@mieruka/contracts/values';
import type { TileKind } from '@mieruka/contracts/kpi-catalogue';

/**
 * The layout editor's edits (issue 24): each takes a draft and returns a new one, so the form,
 * the JSON view and the preview all read the same value. The draft is what the API will be sent;
 * its rules (a page needs a tile, thresholds need both numbers…) are the API's to check and say.
 */

/** A threshold pair as typed so far: one half missing is the API's to refuse, with its reason. */
export interface ThresholdsDraft {
  ok?: number;
  warn?: number;
}
export type TileDraft = Omit<TileInput, 'thresholds'> & { thresholds?: ThresholdsDraft };
export type PageDraft = Omit<WallboardPage, 'tiles' | 'columns'> & {
  columns?: number;
  tiles: TileDraft[];
};
export type LayoutDraft = Omit<WallboardInput, 'pages'> & { pages: PageDraft[] };

/** The tile a new page or an added tile starts with. */
export const NEW_TILE_KIND: TileKind = 'serviceLevel';

/** Panels (lists, charts, grids) have no single value to colour: they take no thresholds. */
export const takesThresholds = (kind: TileKind): boolean => !PANEL_KINDS.includes(kind);

function move<T>(items: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

function withPage(
  draft: LayoutDraft,
  index: number,
  edit: (page: PageDraft) => PageDraft,
): LayoutDraft {
  return { ...draft, pages: draft.pages.map((page, i) => (i === index ? edit(page) : page)) };
}

function withTile(
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  edit: (tile: TileDraft) => TileDraft,
): LayoutDraft {
  return withPage(draft, pageIndex, (page) => ({
    ...page,
    tiles: page.tiles.map((tile, i) => (i === tileIndex ? edit(tile) : tile)),
  }));
}

export const addPage = (draft: LayoutDraft): LayoutDraft => ({
  ...draft,
  pages: [...draft.pages, { tiles: [{ kind: NEW_TILE_KIND }] }],
});

export const removePage = (draft: LayoutDraft, index: number): LayoutDraft => ({
  ...draft,
  pages: draft.pages.filter((_, i) => i !== index),
});

/** Moves a page by `by` places (-1 up, +1 down); past either end nothing moves. */
export const movePage = (draft: LayoutDraft, index: number, by: number): LayoutDraft => ({
  ...draft,
  pages: move(draft.pages, index, by),
});

export const addTile = (
  draft: LayoutDraft,
  pageIndex: number,
  kind: TileKind = NEW_TILE_KIND,
): LayoutDraft =>
  withPage(draft, pageIndex, (page) => ({ ...page, tiles: [...page.tiles, { kind }] }));

export const removeTile = (draft: LayoutDraft, pageIndex: number, tileIndex: number): LayoutDraft =>
  withPage(draft, pageIndex, (page) => ({
    ...page,
    tiles: page.tiles.filter((_, i) => i !== tileIndex),
  }));

export const moveTile = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  by: number,
): LayoutDraft =>
  withPage(draft, pageIndex, (page) => ({ ...page, tiles: move(page.tiles, tileIndex, by) }));

/** A new kind drops what it cannot take: thresholds on a panel, options of another kind. */
export const setKind = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  kind: TileKind,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) => {
    const { thresholds, leaderboard, ...rest } = tile;
    return {
      ...rest,
      kind,
      ...(thresholds && takesThresholds(kind) ? { thresholds } : {}),
      ...(leaderboard && kind === 'leaderboard' ? { leaderboard } : {}),
    };
  });

/** An empty scope is the whole tenant (the contract's default), written out as such. */
export const setScope = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  scope: string,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) => ({ ...tile, scope: scope.trim() || 'tenant' }));

/** Sets one half of the pair (undefined clears it); with both halves cleared, no thresholds. */
export const setThreshold = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  which: keyof ThresholdsDraft,
  value: number | undefined,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) => {
    const { thresholds, ...rest } = tile;
    const next: ThresholdsDraft = { ...thresholds };
    if (value === undefined || Number.isNaN(value)) delete next[which];
    else next[which] = value;
    return next.ok === undefined && next.warn === undefined ? rest : { ...rest, thresholds: next };
  });

export const setRotateSeconds = (draft: LayoutDraft, seconds: number): LayoutDraft => ({
  ...draft,
  rotateSeconds: seconds,
});

/** The tile as the TV would read it (the contract's defaults filled in), for the preview. */
export function previewTile(tile: TileDraft): Tile {
  const { thresholds, ...rest } = tile;
  const complete =
    thresholds?.ok !== undefined && thresholds.warn !== undefined
      ? { thresholds: { ok: thresholds.ok, warn: thresholds.warn } }
      : {};
  return {
    scope: 'tenant',
    window: 'today',
    sound: false,
    span: 1,
    ...rest,
    ...complete,
    kind: rest.kind as TileKind,
  } as Tile;
}

/** The draft in the JSON text, or null when the text is not a layout the form can show. */
export function parseDraft(text: string): LayoutDraft | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const pages = (value as { pages?: unknown }).pages;
    if (!Array.isArray(pages)) return null;
    const shaped = pages.every(
      (page: unknown) =>
        typeof page === 'object' &&
        page !== null &&
        Array.isArray((page as { tiles?: unknown }).tiles),
    );
    return shaped ? (value as LayoutDraft) : null;
  } catch {
    return null;
  }
}
