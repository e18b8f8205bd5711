import type { CallEvent, IngestResult } from '@mieruka/contracts';
import type { RowBuffer } from './event-row';
import { eventKey, type EventStore, type NewDeadLetter } from './event-store';

/** A screened batch on its way into the store. */
export interface PendingBatch {
  /** The valid events, each with its index in the batch. */
  readonly valid: readonly { readonly index: number; readonly event: CallEvent }[];
  /** Their rows, in the same order (encodeEventRows). */
  readonly rows: RowBuffer;
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

/**
 * A group whose id check has started: the keys (`eventKey`) stored under its ids, and how long
 * that took.
 */
interface Checked {
  readonly group: Waiting[];
  /** When the check began: writes that ended after it may not have been visible to it. */
  readonly startedAt: number;
  readonly known: Promise<{ readonly keys: Set<string>; readonly ms: number }>;
}

/** A write under way or just ended, and the keys of the events it decided to store. */
interface Write {
  /** Whether it carries one batch with its own token (Kafka's). */
  readonly token: boolean;
  readonly fresh: ReadonlySet<string>;
  /** When it ended (performance.now()), and whether its events were stored. */
  endedAt?: number;
  stored?: boolean;
}

/** Most events one write carries; more waiting batches go in the next write. */
export const MAX_GROUP_EVENTS = 20_000;

/** Most writes under way at once (Kafka batches of different partitions, see GroupCommit). */
const MAX_WRITES_AT_ONCE = 2;

/**
 * Decides which events of waiting batches are new and writes them, so that two batches
 * carrying the same id never both store it. While a write runs, the batches that arrive
 * meanwhile wait and go in the next write together: one id check and one insert for all of
 * them (group commit). A PBX or a Twilio account posting one event per request would
 * otherwise cost a store round trip per event, and a slow insert would make every batch
 * behind it wait for its own. Within a write, batches keep their arrival order: the first one
 * carrying an id wins it. A failed write fails every batch in it, and stores none of their
 * events.
 *
 * A batch with its own token (a Kafka batch) is written alone, and need not wait its turn:
 * its id check starts while the writes before it run, and it is written beside them (up to
 * MAX_WRITES_AT_ONCE) when it shares no new id with them. One insert keeps chDB on about one
 * core; two partitions' batches at once (each insert on a connection of its own, client.ts)
 * took the Kafka consumer from 40-44k to 47-48k events/s (docs/benchmarks.md). Every other
 * group waits for the writes before it to end.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private draining = false;
  /** The writes under way, each with the promise that settles when it ends. */
  private readonly running = new Map<Write, Promise<void>>();
  /** Writes that ended since the oldest undecided check began: it may not have seen them. */
  private ended: Write[] = [];
  /** Resolves the wait of `nextCheck` for a batch to arrive. */
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
    if (this.draining || this.queue.length === 0) return;
    this.draining = true;
    try {
      let next: Checked | undefined = this.check(this.nextGroup());
      while (next) {
        await this.decideAndWrite(next);
        next = await this.nextCheck();
      }
    } finally {
      this.draining = false;
    }
    // A batch that queued while the last write was ending.
    if (this.queue.length > 0) void this.drain();
  }

  /**
   * The next group's check, as soon as it may start: at once when the next batch has its own
   * token (its write may go beside the ones under way), else once every write has ended.
   * Undefined when nothing waits and nothing runs.
   */
  private async nextCheck(): Promise<Checked | undefined> {
    for (;;) {
      const head = this.queue[0];
      if (head && (this.running.size === 0 || head.batch.dedupToken !== undefined)) {
        return this.check(this.nextGroup());
      }
      if (!head && this.running.size === 0) return undefined;
      await Promise.race([
        ...this.running.values(),
        new Promise<void>((resolve) => (this.arrived = resolve)),
      ]);
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
    const startedAt = performance.now();
    const ids = group.flatMap(({ batch }) => batch.valid.map((v) => v.event.id));
    const known = this.store
      .storedKeys(ids)
      .then((stored) => ({ keys: stored, ms: performance.now() - startedAt }));
    // Awaited in decideAndWrite; until then a failure must not count as unhandled.
    known.catch(() => undefined);
    return { group, startedAt, known };
  }

  /**
   * Waits for the group's check and its turn, decides which of its events are new, and starts
   * their write (not awaited: `running` tracks it).
   */
  private async decideAndWrite(checked: Checked): Promise<void> {
    const { group, startedAt } = checked;
    let known: Set<string>;
    let checkMs: number;
    try {
      ({ keys: known, ms: checkMs } = await checked.known);
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    const token = group.length === 1 && group[0]?.batch.dedupToken !== undefined;
    while (this.running.size > 0 && !this.mayWriteBeside(group, token, known)) {
      await Promise.race(this.running.values());
    }
    // What ended after the check began may be missing from its answer.
    for (const write of this.ended) {
      if (write.stored && (write.endedAt ?? Infinity) >= startedAt) {
        for (const key of write.fresh) known.add(key);
      }
    }
    // Later checks began later still: what ended before this one began is no news to them.
    this.ended = this.ended.filter((w) => (w.endedAt ?? Infinity) >= startedAt);

    const writing = performance.now();
    const stored = new Set<string>();
    const decided = group.map(({ batch }) => {
      const results: IngestResult[] = [];
      const fresh: CallEvent[] = [];
      const picked: number[] = [];
      batch.valid.forEach(({ index, event }, i) => {
        const key = eventKey(event.tenant, event.id);
        if (known.has(key) || stored.has(key)) {
          results.push({ index, id: event.id, status: 'duplicate' });
          return;
        }
        stored.add(key);
        fresh.push(event);
        picked.push(i);
        results.push({ index, id: event.id, status: 'accepted' });
      });
      return { batch, results, fresh, picked };
    });
    const write: Write = { token, fresh: stored };
    const ended = this.writeDecided(group, decided, write).finally(() => {
      write.endedAt = performance.now();
      this.running.delete(write);
      this.ended.push(write);
    });
    this.running.set(write, ended);
    void ended.then(() => {
      const seconds = (checkMs + (write.endedAt ?? writing) - writing) / 1000;
      if (write.stored) {
        decided.forEach(({ results, fresh }, i) => group[i]?.resolve({ results, fresh, seconds }));
      }
    });
  }

  /** Stores a decided group's dead letters and new events; a failure fails its batches. */
  private async writeDecided(
    group: readonly Waiting[],
    decided: readonly { batch: PendingBatch; picked: number[] }[],
    write: Write,
  ): Promise<void> {
    try {
      // Dead letters first: when the events' insert is the last write, a batch whose events
      // were stored is never retried for another reason, so listeners always hear of them.
      for (const { batch } of group) {
        await this.store.insertDeadLetters(batch.deadLetters, batch.receivedAt);
      }
      await this.store.insertEncoded(
        decided.map(({ batch, picked }) => ({ rows: batch.rows, picked })),
        write.token ? group[0]?.batch.dedupToken : undefined,
      );
      write.stored = true;
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    }
  }

  /**
   * Whether a group may be written beside the writes under way: only a batch with its own
   * token, and only when none of its new ids is one they are storing — else it waits, and
   * learns from their outcome whether that id got in.
   */
  private mayWriteBeside(group: Waiting[], token: boolean, known: ReadonlySet<string>): boolean {
    if (!token || this.running.size >= MAX_WRITES_AT_ONCE) return false;
    for (const { event } of group[0]?.batch.valid ?? []) {
      const key = eventKey(event.tenant, event.id);
      if (known.has(key)) continue;
      for (const write of this.running.keys()) if (write.fresh.has(key)) return false;
    }
    return true;
  }
}
