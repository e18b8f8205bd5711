import { onUnmounted, ref, watch, type Ref } from 'vue';

/**
 * The page shown, advancing every `seconds` through `count` pages (no timer for one page).
 * Restarts from the first page when the layout changes.
 */
export function useRotation(count: Ref<number>, seconds: Ref<number>): Ref<number> {
  const page = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  watch(
    [count, seconds],
    ([n, s]) => {
      clearInterval(timer);
      timer = undefined;
      page.value = 0;
      if (n > 1) timer = setInterval(() => (page.value = (page.value + 1) % n), s * 1000);
    },
    { immediate: true },
  );
  onUnmounted(() => clearInterval(timer));
  return page;
}
