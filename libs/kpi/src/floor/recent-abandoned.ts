import type { AbandonReason } from '@mieruka/contracts';
import { before, insertionIndex, type Timed } from './ordered';

export interface AbandonedEntry extends Timed {
  readonly callId: string;
  readonly queue: string;
  readonly waitMs: number;
  readonly reason: AbandonReason;
  /** Already masked (maskCaller): the full number is never kept here. */
  readonly caller: string | undefined;
  /** The number's digits (callerKey), to match a later ring or call back; never in a view. */
  readonly callerKey: string | undefined;
}

/**
 * The latest `limit` abandoned calls of one scope, in time order: a late one lands where it
 * belongs, or nowhere when `limit` later ones are already known. Memory is `limit` entries
 * whatever the traffic; folding is a binary search and a splice of at most `limit`.
 */
export class RecentAbandoned {
  private entries: AbandonedEntry[] = [];

  constructor(private readonly limit: number) {}

  add(entry: AbandonedEntry): void {
    const oldest = this.entries[0];
    if (this.entries.length >= this.limit && (!oldest || before(entry, oldest))) return;
    this.entries.splice(insertionIndex(this.entries, entry), 0, entry);
    if (this.entries.length > this.limit) this.entries.shift();
  }

  /** Those with from ≤ t ≤ until, newest first. */
  between(from: number, until: number): AbandonedEntry[] {
    const found: AbandonedEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.t < from) break;
      if (entry.t <= until) found.push(entry);
    }
    return found;
  }

  /** Forgets those before `horizon`; true when none is left. */
  prune(horizon: number): boolean {
    this.entries = this.entries.filter((e) => e.t >= horizon);
    return this.entries.length === 0;
  }

  get size(): number {
    return this.entries.length;
  }
}
