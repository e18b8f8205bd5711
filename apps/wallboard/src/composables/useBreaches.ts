import { computed, watch, type Ref } from 'vue';
import type { WallboardPage } from '@mieruka/contracts';
import { findBreaches, newlyLoud, type Breach, type BreachContext } from '../kpi/breaches';
import { beep } from './useAlarm';

/**
 * Every tile in alert on every page of the wallboard, rotated in or not, and the sound rules
 * applied to all of them here: a tile with `sound: true` beeps once when it enters alert —
 * also on a page that is rotated away — and not again while it stays there; a stale screen
 * stays silent (its numbers are not live).
 */
export function useBreaches(
  pages: Ref<readonly WallboardPage[]>,
  context: Ref<BreachContext | undefined>,
): Ref<readonly Breach[]> {
  const breaches = computed(() => (context.value ? findBreaches(pages.value, context.value) : []));
  let before = new Set<string>();
  watch(breaches, (now) => {
    const stale = context.value?.stale ?? true;
    if (!stale && newlyLoud(now, before).length > 0) beep();
    before = new Set(now.map((b) => b.key));
  });
  return breaches;
}
