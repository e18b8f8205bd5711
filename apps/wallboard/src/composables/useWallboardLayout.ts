import { onMounted, onUnmounted, ref, shallowRef, type Ref } from 'vue';
import type { WallboardAnswer } from '@mieruka/contracts';
import { WallboardLoadError, loadWallboard } from '../api/wallboards';
import { RELOAD_LAYOUT_MS, retryDelayMs, sameLayout } from '../live/layout-reload';

/** Why the last read of the layout failed, as the page tells it. */
export interface LoadProblem {
  readonly reason: WallboardLoadError['reason'];
  readonly message: string;
}

/**
 * The screen's wallboard definition, read at mount, again every minute (an admin's edit
 * reaches the TV without a visit) and soon after a failure, backing off to the minute —
 * also after a failure (not paired yet, offline): a TV is never touched by hand.
 */
export function useWallboardLayout(
  id: () => string | undefined,
  tenant: () => string | undefined,
): { answer: Readonly<Ref<WallboardAnswer | null>>; problem: Readonly<Ref<LoadProblem | null>> } {
  const answer = shallowRef<WallboardAnswer | null>(null);
  const problem = ref<LoadProblem | null>(null);
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    clearTimeout(retryTimer);
    try {
      const next = await loadWallboard(id(), tenant());
      if (!sameLayout(next, answer.value)) answer.value = next;
      problem.value = null;
      failures = 0;
    } catch (error) {
      problem.value =
        error instanceof WallboardLoadError
          ? { reason: error.reason, message: error.message }
          : { reason: 'failed', message: String(error) };
      // A TV switched on while the API restarts or the network blips would otherwise stay
      // empty until the next reload, a minute later.
      failures += 1;
      // Two reads can fail side by side (the minute's reload during a retry): one retry after them.
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void load(), retryDelayMs(failures));
    }
  }

  const reloadTimer = setInterval(() => void load(), RELOAD_LAYOUT_MS);
  onMounted(load);
  onUnmounted(() => {
    clearInterval(reloadTimer);
    clearTimeout(retryTimer);
  });
  return { answer, problem };
}
