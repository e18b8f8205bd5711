import type { Tile, WallboardPage } from '@mieruka/contracts';
import type { Language } from '@mieruka/contracts/kpi-catalogue';

/** Columns a tile takes: its span, never more than the page has. */
export const tileColumns = (tile: Tile, page: WallboardPage): number =>
  Math.min(tile.span, page.columns);

/** Rows the page's grid needs for its tiles in order, at least one. */
export function gridRows(page: WallboardPage | undefined): number {
  if (!page) return 1;
  const cells = page.tiles.reduce((n, tile) => n + tileColumns(tile, page), 0);
  return Math.max(1, Math.ceil(cells / page.columns));
}

/** The page's title in the screen's language, else in English, else none. */
export function pageTitle(page: WallboardPage | undefined, language: Language): string {
  return page?.title?.[language] ?? page?.title?.en ?? '';
}
