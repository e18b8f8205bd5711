import type { CallEvent, IngestResult } from '@mieruka/contracts';
import type { EventStore, NewDeadLetter } from './event-store';

/** A screened batch on its way into the store. */
export interface PendingBatch {
  readonly valid: readonly { readonly index: number; readonly event: CallEvent }[];
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

/** Most events one write carries; more waiting batches go in the next write. */
export const MAX_GROUP_EVENTS = 20_000;

/**
 * Writes batches one write at a time — so two batches carrying the same id cannot both
 * store it — and, while a write runs, lets the batches that arrive meanwhile wait and go in
 * the next write together: one id check and one insert for all of them (group commit).
 * A PBX or a Twilio account posting one event per request would otherwise cost a store
 * round trip per event, and a slow insert would make every batch behind it wait for its own.
 * Within a write, batches keep their arrival order: the first one carrying an id wins it.
 * A failed write fails every batch in it, and stores none of their events.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly store: EventStore) {}

  write(batch: PendingBatch): Promise<CommittedBatch> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.commit(this.nextGroup());
    } finally {
      this.writing = false;
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

  private async commit(group: readonly Waiting[]): Promise<void> {
    const started = performance.now();
    try {
      const ids = group.flatMap(({ batch }) => batch.valid.map((v) => v.event.id));
      const known = await this.store.knownIds(ids);
      const decided = group.map(({ batch }) => {
        const results: IngestResult[] = [];
        const fresh: CallEvent[] = [];
        for (const { index, event } of batch.valid) {
          if (known.has(event.id)) {
            results.push({ index, id: event.id, status: 'duplicate' });
            continue;
          }
          known.add(event.id);
          fresh.push(event);
          results.push({ index, id: event.id, status: 'accepted' });
        }
        return { batch, results, fresh };
      });
      // Dead letters first: when the events' insert is the last write, a batch whose events
      // were stored is never retried for another reason, so listeners always hear of them.
      for (const { batch } of group) {
        await this.store.insertDeadLetters(batch.deadLetters, batch.receivedAt);
      }
      await this.store.insertEventGroups(
        decided.map(({ batch, fresh }) => ({
          events: fresh,
          meta: { receivedAt: batch.receivedAt, ingestSource: batch.transport },
        })),
        group.length === 1 ? group[0]?.batch.dedupToken : undefined,
      );
      const seconds = (performance.now() - started) / 1000;
      decided.forEach(({ results, fresh }, i) => group[i]?.resolve({ results, fresh, seconds }));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    }
  }
}
