/**
 * Messages (join, resync) one connection may send: a burst — a wallboard joining all its
 * rooms (at most 32) at once, and a few resyncs — then this many a second.
 */
export const MESSAGE_BURST = 40;
export const MESSAGES_PER_SECOND = 10;

/**
 * A connection's message budget (a token bucket): a wallboard joins a few rooms and resyncs
 * now and then; a client sending thousands a second gets refusals instead of snapshots.
 */
export class MessageBudget {
  private tokens = MESSAGE_BURST;
  private at: number;

  constructor(now: number) {
    this.at = now;
  }

  /** Whether a message at `now` (ms, monotonic) fits; it is counted when it does. */
  take(now: number): boolean {
    this.tokens = Math.min(
      MESSAGE_BURST,
      this.tokens + ((now - this.at) / 1000) * MESSAGES_PER_SECOND,
    );
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Open connections per credential on this instance (MIERUKA_SOCKETS_PER_CREDENTIAL): a few
 * screens and tabs, not hundreds of sockets on one token.
 */
export class CredentialConnections {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Counts one more for `credential`; false (and not counted) past the limit. */
  admit(credential: string): boolean {
    const now = this.open.get(credential) ?? 0;
    if (now >= this.max) return false;
    this.open.set(credential, now + 1);
    return true;
  }

  release(credential: string): void {
    const left = (this.open.get(credential) ?? 1) - 1;
    if (left <= 0) this.open.delete(credential);
    else this.open.set(credential, left);
  }
}
