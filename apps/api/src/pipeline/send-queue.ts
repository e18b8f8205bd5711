/**
 * One send in flight at a time, with whatever queued meanwhile sent together. kafkajs's
 * idempotent producer numbers each partition's batches when a send starts, so two sends to
 * one partition at once can arrive out of sequence and be refused; one at a time avoids that,
 * and coalescing concurrent requests keeps the throughput that serial sends alone would lose.
 * A send is capped in bytes: the broker refuses a record batch above `message.max.bytes`
 * (1 MiB by default), and one tenant's events all go to one partition's batch.
 */

interface Job {
  failed: boolean;
  remaining: number;
  resolve(): void;
  reject(error: unknown): void;
}

interface Entry<M> {
  readonly message: M;
  readonly bytes: number;
  readonly job: Job;
}

export class SendQueue<M> {
  private queue: Entry<M>[] = [];
  private draining = false;

  constructor(
    private readonly send: (messages: M[]) => Promise<void>,
    private readonly bytesOf: (message: M) => number,
    private readonly maxBytes: number,
  ) {}

  /** Resolves once every message was acknowledged; rejects on the first failed send. */
  enqueue(messages: readonly M[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const job: Job = { failed: false, remaining: messages.length, resolve, reject };
      for (const message of messages) {
        this.queue.push({ message, bytes: this.bytesOf(message), job });
      }
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const taken = this.take();
        // What is left of a request that already failed is not sent: its sender was told so.
        const live = taken.filter((entry) => !entry.job.failed);
        if (live.length === 0) continue;
        try {
          await this.send(live.map((entry) => entry.message));
          for (const { job } of live) if (--job.remaining === 0 && !job.failed) job.resolve();
        } catch (error) {
          for (const { job } of live) {
            if (job.failed) continue;
            job.failed = true;
            job.reject(error);
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** The oldest entries up to the byte cap (at least one, however large). */
  private take(): Entry<M>[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length) {
      const next = this.queue[n]!.bytes;
      if (n > 0 && bytes + next > this.maxBytes) break;
      bytes += next;
      n++;
    }
    return this.queue.splice(0, n);
  }
}
