import { watch, type Ref } from 'vue';
import type { TileStatus } from '../kpi/status';
import { beep } from './useAlarm';

/** Beeps when `status` turns to alert (not while it stays there, not when a page rotates in). */
export function useBreachSound(status: Ref<TileStatus>, enabled: Ref<boolean>): void {
  watch(status, (now, before) => {
    if (enabled.value && now === 'alert' && before !== 'alert') beep();
  });
}
