import { onUnmounted, ref, type Ref } from 'vue';

/**
 * A ticking monotonic clock (`performance.now()`) for what moves by itself between updates:
 * the longest wait, time in state, the header's time (through the server's clock). A TV whose
 * wall clock jumps or is wrong does not make any of them jump.
 */
export function useNow(everyMs = 1_000): { now: Ref<number> } {
  const now = ref(performance.now());
  const timer = setInterval(() => {
    now.value = performance.now();
  }, everyMs);
  onUnmounted(() => clearInterval(timer));
  return { now };
}
