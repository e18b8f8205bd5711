import { onUnmounted, ref, type Ref } from 'vue';

/**
 * A ticking clock for what moves by itself between updates (the longest wait, the header's
 * time). `performance.now()` is monotonic: a TV whose wall clock jumps does not make waits jump.
 */
export function useNow(everyMs = 1_000): { now: Ref<number>; wall: Ref<number> } {
  const now = ref(performance.now());
  const wall = ref(Date.now());
  const timer = setInterval(() => {
    now.value = performance.now();
    wall.value = Date.now();
  }, everyMs);
  onUnmounted(() => clearInterval(timer));
  return { now, wall };
}
