import type { CredentialStore } from '@mieruka/store';

/** A use is recorded again only after this long: "last used" is shown to the minute. */
export const USE_RESOLUTION_MS = 60_000;

/**
 * When each display token and ingest key was last presented. A request only touches memory;
 * `flush` (once a minute, and at shutdown) writes what changed, so ingest at thousands of
 * requests a second costs no writes. Lists read every instance's uses from the store and add
 * this instance's unwritten ones.
 */
export class TokenUses {
  /** This instance's latest use per token (written or not). */
  private readonly latest = new Map<string, number>();
  /** Uses not written yet. */
  private pending = new Map<string, number>();

  constructor(
    private readonly store: CredentialStore,
    private readonly now: () => number,
  ) {}

  touch(tokenId: string): void {
    const at = this.now();
    const last = this.latest.get(tokenId);
    if (last !== undefined && at - last < USE_RESOLUTION_MS) return;
    this.latest.set(tokenId, at);
    this.pending.set(tokenId, at);
  }

  /** Writes the uses not written yet; on failure they are kept for the next flush. */
  async flush(): Promise<void> {
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    try {
      await this.store.recordUses(batch);
    } catch (error) {
      for (const [id, at] of batch) {
        if ((this.pending.get(id) ?? 0) < at) this.pending.set(id, at);
      }
      throw error;
    }
  }

  /** The last use of every token, across instances. */
  async all(): Promise<Map<string, number>> {
    const uses = await this.store.lastUses();
    for (const [id, at] of this.latest) {
      if ((uses.get(id) ?? 0) < at) uses.set(id, at);
    }
    return uses;
  }
}
