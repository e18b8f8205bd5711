import { parentPort, workerData } from 'node:worker_threads';

/**
 * Asks a URL every `everyMs` on a thread of its own — its timings are not held up by the
 * bench's own work of sending the heavy requests — until told to stop; posts the answer times
 * (ms, sorted; a probe that failed counts with the time it took to fail) and the failures.
 */
const { url, everyMs } = workerData as { url: string; everyMs: number };
let stop = false;
parentPort?.once('message', () => (stop = true));

void (async () => {
  // One probe first, untimed: the connection and this thread's first fetch are set up.
  await fetch(url).then(
    (r) => r.arrayBuffer(),
    () => undefined,
  );
  const times: number[] = [];
  let failed = 0;
  while (!stop) {
    const started = performance.now();
    await fetch(url, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.arrayBuffer(),
      () => failed++,
    );
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  parentPort?.postMessage({ times: times.sort((a, b) => a - b), failed });
})();
