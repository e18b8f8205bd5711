import type { CallEvent } from '@mieruka/contracts';
import type { Mapped, Reject } from '@mieruka/adapters';
import { backoffDelay } from './backoff';

/** Events per delivery at most (a backlog after a store outage leaves in several). */
const MAX_BATCH = 5000;

/**
 * For stream adapters (AMI, ESL), which cannot ask the PBX to send again: mapped frames are
 * queued here in arrival order and delivered one batch at a time. A batch the store did not
 * take stays at the head and is retried with backoff, so a store outage delays events but
 * loses none (while the process lives). Frames arriving during a delivery join the next one.
 */
export class Outbox {
  private pending: Mapped[] = [];
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closed = false;

  constructor(
    private readonly deliver: (batch: Mapped) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly retry: { readonly minMs: number; readonly maxMs: number },
  ) {}

  push(mapped: Mapped): void {
    if (mapped.events.length === 0 && mapped.rejects.length === 0) return;
    this.pending.push(mapped);
    this.kick();
  }

  /** Waits for the delivery under way (if any) and stops retrying. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private kick(): void {
    if (this.running || this.timer || this.closed) return;
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.closed) {
      const { batch, count } = this.take();
      try {
        await this.deliver(batch);
      } catch (error) {
        this.onError(error);
        const delay = backoffDelay(this.attempt++, this.retry.minMs, this.retry.maxMs);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.kick();
        }, delay);
        return;
      }
      this.pending.splice(0, count);
      this.attempt = 0;
    }
  }

  /** The head of the queue merged into one batch (whole entries, up to MAX_BATCH events). */
  private take(): { batch: Mapped; count: number } {
    const events: CallEvent[] = [];
    const rejects: Reject[] = [];
    let count = 0;
    for (const entry of this.pending) {
      if (count > 0 && events.length + entry.events.length > MAX_BATCH) break;
      events.push(...entry.events);
      rejects.push(...entry.rejects);
      count += 1;
    }
    return { batch: { events, rejects }, count };
  }
}
