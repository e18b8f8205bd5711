import type {
  LeaderMetric,
  LeaderboardOptions,
  Tile,
  TileInput,
  WallboardInput,
  WallboardLanguage,
  WallboardPage,
  WindowName,
} from '@mieruka/contracts';
import { PANEL_KINDS } from '@mieruka/contracts/values';
import type { TileKind } from '@mieruka/contracts/kpi-catalogue';
import { isNumberTile } from '../kpi/readings';

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
/** A page title or a tile label: a text per language, each optional. */
export type TextDraft = Partial<Record<WallboardLanguage, string>>;

// The contract's choices as the form lists them; a Record so a new one fails to compile here
// (the values come from the zod modules, which the wallboard does not bundle).
const windows: Record<WindowName, true> = {
  today: true,
  interval: true,
  rolling15: true,
  rolling60: true,
};
export const WINDOW_CHOICES = Object.keys(windows) as WindowName[];
const metrics: Record<LeaderMetric, true> = {
  appointments: true,
  orders: true,
  revenue: true,
  connects: true,
};
export const LEADER_METRIC_CHOICES = Object.keys(metrics) as LeaderMetric[];

/** The tile a new page or an added tile starts with. */
export const NEW_TILE_KIND: TileKind = 'serviceLevel';

/** Panels (lists, charts, grids) have no single value to colour: they take no thresholds. */
export const takesThresholds = (kind: TileKind): boolean => !PANEL_KINDS.includes(kind);

/** A beep needs a red tile, so only a tile with thresholds can sound. */
export const takesSound = takesThresholds;

/**
 * Tiles that read a window of the snapshot (docs/wallboard.md): the number tiles and the
 * funnel, dial outcomes and order book; the live tiles, the floor, lists and KGIs have none.
 */
export const takesWindow = (kind: TileKind): boolean =>
  isNumberTile(kind) || kind === 'funnel' || kind === 'dialOutcomes' || kind === 'orderBook';

/** A text with one language set (or, when empty, dropped); no language left is no text. */
function withText(
  text: TextDraft | undefined,
  language: WallboardLanguage,
  value: string,
): TextDraft | undefined {
  const next: TextDraft = { ...text };
  if (value.trim() === '') delete next[language];
  else next[language] = value.trim();
  return Object.keys(next).length === 0 ? undefined : next;
}

/** The object without `key`, or with it set: the JSON keeps only what was chosen. */
function withField<T extends object, K extends keyof T>(
  object: T,
  key: K,
  value: T[K] | undefined,
): T {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

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

/**
 * A new kind drops what it cannot take: thresholds and sound on a panel, a window where none
 * applies, options of another kind.
 */
export const setKind = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  kind: TileKind,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) => {
    const { thresholds, leaderboard, sound, window, ...rest } = tile;
    return {
      ...rest,
      kind,
      ...(thresholds && takesThresholds(kind) ? { thresholds } : {}),
      ...(sound !== undefined && takesSound(kind) ? { sound } : {}),
      ...(window !== undefined && takesWindow(kind) ? { window } : {}),
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

/** The name in the header; empty is kept as typed, for the API to refuse with its reason. */
export const setName = (draft: LayoutDraft, name: string): LayoutDraft => ({ ...draft, name });

/** The screen's language until someone switches it on the screen. */
export const setLanguage = (draft: LayoutDraft, language: WallboardLanguage): LayoutDraft => ({
  ...draft,
  language,
});

/** One language of a page's title (empty drops it). */
export const setPageTitle = (
  draft: LayoutDraft,
  pageIndex: number,
  language: WallboardLanguage,
  value: string,
): LayoutDraft =>
  withPage(draft, pageIndex, (page) =>
    withField(page, 'title', withText(page.title, language, value)),
  );

/** A page's grid columns; undefined is the contract's default (4). */
export const setColumns = (
  draft: LayoutDraft,
  pageIndex: number,
  columns: number | undefined,
): LayoutDraft => withPage(draft, pageIndex, (page) => withField(page, 'columns', columns));

/** The window a tile reads (today, this 15 minutes, the last 15 or 60 minutes). */
export const setWindow = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  window: WindowName,
): LayoutDraft => withTile(draft, pageIndex, tileIndex, (tile) => ({ ...tile, window }));

/** One language of the label that replaces the tile's usual name (empty drops it). */
export const setLabel = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  language: WallboardLanguage,
  value: string,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) =>
    withField(tile, 'label', withText(tile.label, language, value)),
  );

/** Beep on red, or not (off is the default, so it leaves the JSON). */
export const setSound = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  on: boolean,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) => withField(tile, 'sound', on ? true : undefined));

/** Columns the tile spans; undefined is the default (1). */
export const setSpan = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  span: number | undefined,
): LayoutDraft => withTile(draft, pageIndex, tileIndex, (tile) => withField(tile, 'span', span));

/** A leaderboard's options, one at a time, kept beside the ones already set. */
export const setLeaderboard = (
  draft: LayoutDraft,
  pageIndex: number,
  tileIndex: number,
  options: Partial<LeaderboardOptions>,
): LayoutDraft =>
  withTile(draft, pageIndex, tileIndex, (tile) => ({
    ...tile,
    leaderboard: { ...tile.leaderboard, ...options },
  }));

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
