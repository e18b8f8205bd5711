/** How long one readiness check may take: probes time out (Kubernetes: 1 s by default, set 5). */
export const CHECK_TIMEOUT_MS = 3_000;

/**
 * `work`, or a rejection once `ms` pass without an answer. A readiness probe must answer in
 * time even when a dependency hangs instead of refusing (a black-holed port, a stuck query);
 * the work itself goes on in the background and its late outcome is ignored.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  // A late rejection of `work` must not surface as an unhandled one.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** An error's message, for a check's `message` (never a stack). */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
