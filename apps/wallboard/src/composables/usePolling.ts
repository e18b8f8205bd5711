import { onMounted, onUnmounted, ref, shallowRef, type Ref } from 'vue';

export interface PollingOptions {
  /** Longest wait between attempts while the source keeps failing. Default 10 000 ms. */
  maxBackoffMs?: number;
  /** An attempt that has not settled by then is aborted and counts as a failure. Default 5 000 ms. */
  timeoutMs?: number;
}

export interface Polling<T> {
  /** The latest successful result; kept while later attempts fail (undefined until the first). */
  data: Readonly<Ref<T | undefined>>;
  /** The error of the latest attempt, or null once an attempt succeeds. */
  error: Readonly<Ref<unknown>>;
  /** Failed attempts since the last success: 0 means the source is answering. */
  failures: Readonly<Ref<number>>;
  start: () => void;
  stop: () => void;
}

/**
 * Calls `fn` now and then `intervalMs` after each attempt settles (never two at once), from the
 * component's mount until its unmount. After a failure the wait doubles per consecutive failure, up
 * to `maxBackoffMs`, and drops back to `intervalMs` on the first success. `fn` gets an AbortSignal
 * that fires on timeout or on stop; pass it to `fetch`.
 *
 * Call it from a component's `setup`.
 */
export function usePolling<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  options: PollingOptions = {},
): Polling<T> {
  const maxBackoffMs = Math.max(intervalMs, options.maxBackoffMs ?? 10_000);
  const timeoutMs = options.timeoutMs ?? 5_000;

  const data = shallowRef<T | undefined>(undefined);
  const error = shallowRef<unknown>(null);
  const failures = ref(0);

  let running = false;
  /** Bumped by every start and stop, so an attempt that outlives them cannot write or reschedule. */
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  function delayAfter(consecutiveFailures: number): number {
    if (consecutiveFailures === 0) return intervalMs;
    const backoff = Math.min(intervalMs * 2 ** consecutiveFailures, maxBackoffMs);
    // A little jitter so a room full of screens does not hit a restarted API in lockstep.
    return Math.max(intervalMs, Math.round(backoff * (0.8 + Math.random() * 0.2)));
  }

  async function tick(): Promise<void> {
    const mine = generation;
    const current = (): boolean => running && mine === generation;
    timer = undefined;
    const controller = new AbortController();
    inFlight = controller;
    const timeout = setTimeout(
      () => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    try {
      const result = await fn(controller.signal);
      if (controller.signal.aborted) throw controller.signal.reason;
      if (!current()) return;
      data.value = result;
      error.value = null;
      failures.value = 0;
    } catch (e) {
      if (!current()) return; // stopped mid-flight: the abort is ours, not a failure
      error.value = controller.signal.aborted ? controller.signal.reason : e;
      failures.value += 1;
    } finally {
      clearTimeout(timeout);
      if (inFlight === controller) inFlight = undefined;
    }
    if (current()) timer = setTimeout(() => void tick(), delayAfter(failures.value));
  }

  function start(): void {
    if (running) return;
    running = true;
    generation += 1;
    void tick();
  }

  function stop(): void {
    running = false;
    generation += 1;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    inFlight?.abort(new DOMException('polling stopped', 'AbortError'));
    inFlight = undefined;
  }

  onMounted(start);
  onUnmounted(stop);

  return {
    data,
    error,
    failures,
    start,
    stop,
  };
}
