import { computed, type Ref } from 'vue';
import type { Tile, WallboardPage } from '@mieruka/contracts';
import { breachValueText, breachesElsewhere, type BreachItem } from '../kpi/breach-text';
import type { BreachContext } from '../kpi/breaches';
import type { Translate } from '../kpi/tile-text';
import { useBreaches } from './useBreaches';

/**
 * Every page's breaches (so one rotated away is seen and heard), and those not on the page
 * shown, named for the strip above the grid.
 */
export function useBreachStrip(
  pages: Ref<readonly WallboardPage[]>,
  pageIndex: Ref<number>,
  context: Ref<(BreachContext & { locale: string }) | undefined>,
  text: { label: (tile: Tile) => string; t: Translate },
): Readonly<Ref<BreachItem[]>> {
  const breaches = useBreaches(pages, context);
  return computed(() =>
    breachesElsewhere(breaches.value, pageIndex.value, {
      label: text.label,
      value: (b) => {
        const c = context.value;
        const snapshot = c?.rooms.get(b.tile.scope)?.snapshot;
        return c
          ? breachValueText(
              b.tile,
              b.value,
              snapshot,
              { locale: c.locale, tenant: c.tenant },
              text.t,
            )
          : '';
      },
    }),
  );
}
