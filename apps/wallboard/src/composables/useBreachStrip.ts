import { computed, type Ref } from 'vue';
import type { Tile, WallboardPage } from '@mieruka/contracts';
import { breachValueText, breachesElsewhere, type BreachItem } from '../kpi/breach-text';
import type { BreachContext } from '../kpi/breaches';
import type { Translate } from '../kpi/tile-text';
import { useBreaches } from './useBreaches';

/** What the strip needs of the screen: the breaches' context, the locale and the tiles' labels. */
export interface BreachStripContext extends BreachContext {
  readonly locale: string;
  label(tile: Tile): string;
}

/**
 * Every page's breaches (so one rotated away is seen and heard), and those not on the page
 * shown, named for the strip above the grid.
 */
export function useBreachStrip(
  pages: Ref<readonly WallboardPage[]>,
  pageIndex: Ref<number>,
  context: Ref<BreachStripContext | undefined>,
  t: Translate,
): Readonly<Ref<BreachItem[]>> {
  const breaches = useBreaches(pages, context);
  return computed(() => {
    const c = context.value;
    if (!c) return [];
    return breachesElsewhere(breaches.value, pageIndex.value, {
      label: (tile) => c.label(tile),
      value: (b) => breachValueText(b.tile, b.value, c.rooms.get(b.tile.scope)?.snapshot, c, t),
    });
  });
}
