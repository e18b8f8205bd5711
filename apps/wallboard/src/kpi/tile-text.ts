import type { Tile } from '@mieruka/contracts';
import { FLOOR_KINDS } from '@mieruka/contracts/values';
import type { Language } from '@mieruka/contracts/kpi-catalogue';

/** The message lookup the texts need (vue-i18n's `t`, or a stub in a spec). */
export type Translate = (key: string) => string;

/** A tile's title: the admin's label in the screen's language, else in English or Japanese, else its kind's name. */
export function tileLabel(tile: Tile, language: Language, t: Translate): string {
  return tile.label?.[language] ?? tile.label?.en ?? tile.label?.ja ?? t(`tiles.${tile.kind}`);
}

/** A tile's small print: its scope (unless the whole tenant) and its window. */
export function tileDetail(tile: Tile, t: Translate): string {
  // The floor tiles show now and today whatever the window: only the scope is worth saying.
  if (FLOOR_KINDS.includes(tile.kind)) return tile.scope === 'tenant' ? '' : tile.scope;
  const scope = tile.scope === 'tenant' ? '' : `${tile.scope} · `;
  return `${scope}${t(`windows.${tile.window}`)}`;
}

/** Footer parts joined as the tiles print them, the empty ones left out. */
export function joinDetail(...parts: readonly string[]): string {
  return parts.filter(Boolean).join(' · ');
}
