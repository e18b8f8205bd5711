import type { CallEvent, IngestResult } from '@mieruka/contracts';
import type { EventStore, NewDeadLetter } from './event-store';

/** A screened batch on its way into the store. */
export interface PendingBatch {
  /** The valid events, each with its index in the batch and its row (encodeEventRows). */
  readonly valid: readonly {
    readonly index: number;
    readonly event: CallEvent;
    readonly row: string;
  }[];
  readonly deadLetters: readonly NewDeadLetter[];
  readonly receivedAt: number;
  readonly transport: string;
  /** A batch with its own deduplication token (Kafka's) is always written on its own. */
  readonly dedupToken: string | undefined;
}

/** What became of a batch's valid events: the answers, and the events newly stored. */
export interface CommittedBatch {
  readonly results: IngestResult[];
  readonly fresh: CallEvent[];
  /** The id check and the inserts of the write this batch was part of. */
  readonly seconds: number;
}

interface Waiting {
  readonly batch: PendingBatch;
  readonly resolve: (committed: CommittedBatch) => void;
  readonly reject: (error: unknown) => void;
}

/** A group whose id check has started: the stored ids among its ids, and how long that took. */
interface Checked {
  readonly group: Waiting[];
  readonly known: Promise<{ readonly ids: Set<string>; readonly ms: number }>;
}

/** Most events one write carries; more waiting batches go in the next write. */
export const MAX_GROUP_EVENTS = 20_000;

/**
 * Writes batches one write at a time — so two batches carrying the same id cannot both
 * store it — and, while a write runs, lets the batches that arrive meanwhile wait and go in
 * the next write together: one id check and one insert for all of them (group commit).
 * A PBX or a Twilio account posting one event per request would otherwise cost a store
 * round trip per event, and a slow insert would make every batch behind it wait for its own.
 * Within a write, batches keep their arrival order: the first one carrying an id wins it.
 * A failed write fails every batch in it, and stores none of their events. The id check of
 * a batch with its own token may run beside the write before it (see nextDuring); the ids
 * that write stored count as known to it.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private writing = false;
  /** Resolves the wait of `nextDuring` for a batch to arrive. */
  private arrived: (() => void) | undefined;

  constructor(private readonly store: EventStore) {}

  write(batch: PendingBatch): Promise<CommittedBatch> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.arrived?.();
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    try {
      let next: Checked | undefined = this.check(this.nextGroup());
      let storedBefore = new Set<string>();
      while (next) {
        const write = this.commit(next, storedBefore);
        next = await this.nextDuring(write);
        storedBefore = await write;
      }
    } finally {
      this.writing = false;
    }
    // A batch that queued while the last write was ending.
    if (this.queue.length > 0) void this.drain();
  }

  /**
   * The next group, once the write under way ends — or at once, while it runs, when the next
   * batch has its own token (Kafka's): such a batch is written alone anyway, so its id check
   * can start now and run in the store right behind the write. Left for the write's end, it
   * would start only when this thread is free, which while Kafka batches are validated and
   * encoded can be tens of milliseconds later, every batch.
   */
  private async nextDuring(write: Promise<unknown>): Promise<Checked | undefined> {
    let writeEnded = false;
    const ended = write.then(
      () => (writeEnded = true),
      () => (writeEnded = true),
    );
    for (;;) {
      const head = this.queue[0];
      if (head && (writeEnded || head.batch.dedupToken !== undefined)) {
        return this.check(this.nextGroup());
      }
      if (writeEnded) return undefined;
      await Promise.race([ended, new Promise<void>((resolve) => (this.arrived = resolve))]);
      this.arrived = undefined;
    }
  }

  /** The longest run of waiting batches one write may carry. */
  private nextGroup(): Waiting[] {
    const group = [this.queue.shift() as Waiting];
    if (group[0]?.batch.dedupToken !== undefined) return group;
    let events = group[0]?.batch.valid.length ?? 0;
    for (;;) {
      const next = this.queue[0];
      if (!next || next.batch.dedupToken !== undefined) break;
      if (events + next.batch.valid.length > MAX_GROUP_EVENTS) break;
      events += next.batch.valid.length;
      group.push(next);
      this.queue.shift();
    }
    return group;
  }

  /** Starts the group's id check. */
  private check(group: Waiting[]): Checked {
    const started = performance.now();
    const ids = group.flatMap(({ batch }) => batch.valid.map((v) => v.event.id));
    const known = this.store
      .knownIds(ids)
      .then((stored) => ({ ids: stored, ms: performance.now() - started }));
    // Awaited in commit; until then a failure must not count as unhandled.
    known.catch(() => undefined);
    return { group, known };
  }

  /**
   * Decides and writes a checked group; answers the ids it stored (none when it failed).
   * `storedBefore` are the ids the write before it stored: its check may have run beside
   * that write, and must not let a second copy of one of them in.
   */
  private async commit(checked: Checked, storedBefore: ReadonlySet<string>): Promise<Set<string>> {
    const { group } = checked;
    try {
      const { ids: known, ms: checkMs } = await checked.known;
      // Timed apart: a check that ran beside the write before is not charged its wait.
      const writing = performance.now();
      for (const id of storedBefore) known.add(id);
      const stored = new Set<string>();
      const decided = group.map(({ batch }) => {
        const results: IngestResult[] = [];
        const fresh: CallEvent[] = [];
        const rows: string[] = [];
        for (const { index, event, row } of batch.valid) {
          if (known.has(event.id) || stored.has(event.id)) {
            results.push({ index, id: event.id, status: 'duplicate' });
            continue;
          }
          stored.add(event.id);
          fresh.push(event);
          rows.push(row);
          results.push({ index, id: event.id, status: 'accepted' });
        }
        return { batch, results, fresh, rows };
      });
      // Dead letters first: when the events' insert is the last write, a batch whose events
      // were stored is never retried for another reason, so listeners always hear of them.
      for (const { batch } of group) {
        await this.store.insertDeadLetters(batch.deadLetters, batch.receivedAt);
      }
      await this.store.insertEncoded(
        decided.map(({ batch, rows }) => ({ rows, receivedAt: batch.receivedAt })),
        group.length === 1 ? group[0]?.batch.dedupToken : undefined,
      );
      const seconds = (checkMs + performance.now() - writing) / 1000;
      decided.forEach(({ results, fresh }, i) => group[i]?.resolve({ results, fresh, seconds }));
      return stored;
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return new Set();
    }
  }
}
