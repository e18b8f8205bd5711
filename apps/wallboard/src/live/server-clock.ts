/**
 * The server's clock as this screen can know it: every live message carries the server's time
 * (`serverTime`), and `performance.now()` says when it arrived on this screen's monotonic clock.
 * A TV stick's own wall clock is often wrong (no NTP, a dead RTC battery) and never consulted.
 *
 * A message is late by its trip, never early, so the estimate that is least late wins: the
 * largest offset (serverTime − arrival) among the recent samples — NTP's minimum-delay filter.
 * Only recent samples count, so a server whose clock was corrected backwards is followed within
 * a minute of heartbeats.
 */
export class ServerClock {
  private samples: number[] = [];

  constructor(private readonly keep = 12) {}

  /** A message stamped `serverTime` arrived at `arrivedAt` (this screen's `performance.now()`). */
  observe(serverTime: number, arrivedAt: number): void {
    if (!Number.isFinite(serverTime)) return;
    this.samples.push(serverTime - arrivedAt);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** The server's time (epoch ms) at `at` on this screen's monotonic clock; null before any message. */
  now(at: number): number | null {
    if (this.samples.length === 0) return null;
    return at + Math.max(...this.samples);
  }
}
