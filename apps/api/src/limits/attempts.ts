/**
 * Counts attempts per key in a window that starts with the first one — what sign-in
 * throttling needs: how many tries since, and how long until the count starts over. An
 * attempt is counted *before* it is tried (and the count cleared when it succeeds), so a
 * burst of parallel guesses cannot all slip past a check that runs before any has failed.
 */
export interface AttemptCount {
  /** Attempts in the current window, this one included. */
  readonly attempts: number;
  /** Until the window ends and the count starts over. */
  readonly resetInMs: number;
}

export interface AttemptCounter {
  count(key: string, windowMs: number): Promise<AttemptCount>;
  clear(key: string): Promise<void>;
}

/** How often ended windows are swept out, so memory holds only recent keys. */
const SWEEP_MS = 60_000;

/** In this process's memory: one instance, or any instance while Redis is away. */
export class MemoryAttempts implements AttemptCounter {
  private readonly windows = new Map<string, { attempts: number; endsAt: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  count(key: string, windowMs: number): Promise<AttemptCount> {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { attempts: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.attempts++;
    return Promise.resolve({ attempts: window.attempts, resetInMs: window.endsAt - now });
  }

  clear(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  /** Keys whose windows are open (for tests of the sweep). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_MS) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
