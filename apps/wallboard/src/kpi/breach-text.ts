import type { LiveSnapshot, Tile } from '@mieruka/contracts';
import type { Breach } from './breaches';
import { formatCount, formatDuration } from './format';
import { isNumberTile, readTile, type ReadingContext } from './readings';
import type { Translate } from './tile-text';

/** A breach on a page not shown now, as the strip above the grid names it. */
export interface BreachItem {
  readonly key: string;
  /** 1-based, as the page dots count. */
  readonly page: number;
  readonly label: string;
  readonly value: string;
}

/** The breached value as its tile shows it (number and unit): agents counted, waits as a duration. */
export function breachValueText(
  tile: Tile,
  value: number,
  snapshot: LiveSnapshot | undefined,
  context: ReadingContext,
  t: Translate,
): string {
  if (tile.kind === 'agents') return formatCount(value, context.locale);
  if (!isNumberTile(tile.kind) || !snapshot) return formatDuration(value);
  const { shown, unitKey } = readTile(tile.kind, snapshot, tile.window, context);
  const unit = shown.unit || (unitKey && shown.text !== '—' ? t(unitKey) : '');
  return unit ? `${shown.text} ${unit}` : shown.text;
}

/** The breaches of every page but the one shown, for the strip. */
export function breachesElsewhere(
  breaches: readonly Breach[],
  shownPage: number,
  text: { label(tile: Tile): string; value(breach: Breach): string },
): BreachItem[] {
  return breaches
    .filter((b) => b.page !== shownPage)
    .map((b) => ({
      key: b.key,
      page: b.page + 1,
      label: text.label(b.tile),
      value: text.value(b),
    }));
}
