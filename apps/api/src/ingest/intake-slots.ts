import { DomainError, type DomainErrorKind } from '@mieruka/contracts';

/**
 * Why a heavy request was turned away: its sender's share is taken (too many: 429), or
 * everyone's is (unavailable: 503); either may retry in a second.
 */
export class IntakeBusyError extends DomainError {
  override readonly name = 'IntakeBusyError';
  constructor(readonly whose: 'sender' | 'everyone') {
    super(
      whose === 'sender'
        ? 'this key has as many requests in progress as it may; send the next when one is answered'
        : 'ingest is busy; retry in a moment',
      { retryAfterSeconds: 1 },
    );
  }

  get kind(): DomainErrorKind {
    return this.whose === 'sender' ? 'too-many' : 'unavailable';
  }
}

export interface SlotLimits {
  /** Requests worked on at once, per sender and in all. */
  readonly runningPerSender: number;
  readonly running: number;
  /** Requests that may wait for a turn, per sender and in all; past that they are refused. */
  readonly waitingPerSender: number;
  readonly waiting: number;
}

/**
 * Turns for the work of ingest requests (parsing, validation, storing), so that one sender —
 * one key — can neither take every turn nor make the others' requests wait behind a queue of
 * its own: a few run at once, a few wait in arrival order, the rest are refused at once.
 */
export class IntakeSlots {
  private running = 0;
  private readonly runningBy = new Map<string, number>();
  private readonly queue: { sender: string; start: () => void }[] = [];

  constructor(private readonly limits: SlotLimits) {}

  /** Runs `work` in a turn of `sender`'s; throws IntakeBusyError when none can be had. */
  async run<T>(sender: string, work: () => Promise<T>): Promise<T> {
    await this.turn(sender);
    try {
      return await work();
    } finally {
      this.leave(sender);
    }
  }

  private turn(sender: string): Promise<void> {
    // No waiting request may run now (leave() starts the first that can), so one that can
    // run jumps no queue: whoever waits is held by its own sender's share, or by everyone's.
    if (this.mayRun(sender)) {
      this.enter(sender);
      return Promise.resolve();
    }
    const waitingOfSender = this.queue.filter((w) => w.sender === sender).length;
    if (waitingOfSender >= this.limits.waitingPerSender) throw new IntakeBusyError('sender');
    if (this.queue.length >= this.limits.waiting) throw new IntakeBusyError('everyone');
    return new Promise((resolve) => this.queue.push({ sender, start: resolve }));
  }

  private mayRun(sender: string): boolean {
    return (
      this.running < this.limits.running &&
      (this.runningBy.get(sender) ?? 0) < this.limits.runningPerSender
    );
  }

  private enter(sender: string): void {
    this.running++;
    this.runningBy.set(sender, (this.runningBy.get(sender) ?? 0) + 1);
  }

  private leave(sender: string): void {
    this.running--;
    const left = (this.runningBy.get(sender) ?? 1) - 1;
    if (left === 0) this.runningBy.delete(sender);
    else this.runningBy.set(sender, left);
    // The first waiting request that may run now, in arrival order (one sender's full share
    // does not hold up another's).
    const next = this.queue.findIndex((w) => this.mayRun(w.sender));
    if (next < 0) return;
    const [waiting] = this.queue.splice(next, 1);
    if (!waiting) return;
    this.enter(waiting.sender);
    waiting.start();
  }
}
