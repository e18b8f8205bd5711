import { setImmediate as otherWorkFirst } from 'node:timers/promises';
import type { BatchItem, CallEvent, IngestResponse, IngestResult } from '@mieruka/contracts';
import { encodeEventRows, type RowBuffer } from './event-row';
import type { EventStore, NewDeadLetter } from './event-store';
import { GroupCommit } from './group-commit';
import type { PrepareAnswer } from './prepare-batch';
import { emptyScreened, screenItem, type ScreenRequest } from './screen';

/** Items validated between two turns of the event loop: a few milliseconds of work. */
const ITEMS_PER_TURN = 1_000;

export interface IngestorOptions {
  readonly store: EventStore;
  /** The receiving clock (epoch ms); a test clock in tests. */
  readonly clock: () => number;
  readonly currencyOf: (tenant: string) => string;
}

/** A screened request (its transport, tenant and how its rejects are named), to store. */
export interface IngestRequest extends ScreenRequest {
  /**
   * ClickHouse's `insert_deduplication_token` for the events of this batch: a retry of the
   * same batch with the same token is dropped by the table itself. The Kafka sink passes
   * `topic:partition:firstOffset-lastOffset`, the same on every redelivery.
   */
  readonly dedupToken?: string | undefined;
}

/** A batch checked without storing anything: what `ingest` stores, or a producer publishes. */
export interface ScreenedBatch {
  readonly receivedAt: number;
  /** Valid events with their index in the batch, in batch order. */
  readonly valid: { readonly index: number; readonly event: CallEvent }[];
  /** The answers for the invalid items. */
  readonly rejected: IngestResult[];
  /** The invalid items as dead letters, with their reasons. */
  readonly deadLetters: NewDeadLetter[];
}

/** What `ingestPrepared` hands its `prepare`: the receiving clock, sequences and currencies. */
export interface PrepareContext {
  readonly receivedAt: number;
  readonly firstSeq: number;
  readonly currencies: ReadonlyMap<string, string>;
}

export type StoredListener = (events: readonly CallEvent[]) => void;

/** What one batch's write took, for metrics: its events and dead letters, and the time. */
export interface WriteReport {
  readonly transport: string;
  readonly stored: number;
  readonly deadLetters: number;
  /** The id check and the inserts of the write that carried it (not the wait before it). */
  readonly seconds: number;
}
export type WriteListener = (report: WriteReport) => void;

/**
 * The one way events enter the store: validate each, drop ids already seen (first one wins),
 * store the new ones and the rejects (dead letters), and only then answer and tell listeners.
 * Writes happen one at a time, batches that wait meanwhile together (group-commit.ts), so two
 * requests carrying the same id cannot both store it.
 */
export class Ingestor {
  private readonly writer: GroupCommit;
  private readonly listeners = new Set<StoredListener>();
  private readonly writeListeners = new Set<WriteListener>();
  /** Tenants whose currency a prepare job needed: each job carries theirs, read afresh. */
  private readonly tenants = new Set<string>();
  /** Settles when the last `ingestPrepared` batch has queued its write (or failed). */
  private preparedTurn: Promise<void> = Promise.resolve();

  constructor(private readonly options: IngestorOptions) {
    this.writer = new GroupCommit(options.store);
  }

  /** Called with every batch of newly stored events, after ClickHouse acknowledged them. */
  onStored(listener: StoredListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after every batch's write (also one that stored nothing new). */
  onWrite(listener: WriteListener): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  async ingest(items: readonly BatchItem[], request: IngestRequest): Promise<IngestResponse> {
    const screened = await this.screen(items, request);
    // Encoded now, while an earlier write may still be under way, not inside this one's turn.
    const rows = encodeEventRows(
      screened.valid.map((v) => v.event),
      { receivedAt: screened.receivedAt, ingestSource: request.transport },
      this.options.store.reserveSeqs(screened.valid.length, screened.receivedAt),
    );
    return this.commit(screened, rows, items.length, request);
  }

  /**
   * `ingest` for `count` raw values that `prepare` decodes, screens and encodes elsewhere (a
   * worker thread: prepare-batch.ts), given the receiving clock, the first of `count` arrival
   * sequences reserved for it and the currencies of the tenants known so far. An answer that
   * needs other tenants' currencies is asked for again with them. What happens after (the id
   * check, the write, the listeners) is the same as for `ingest`.
   */
  async ingestPrepared(
    count: number,
    request: IngestRequest,
    prepare: (context: PrepareContext) => Promise<PrepareAnswer>,
  ): Promise<IngestResponse> {
    const receivedAt = this.options.clock();
    // A sequence for each value, valid or not: the valid ones take theirs in order, the gaps
    // left by rejects are harmless (only the order of sequences means anything).
    const firstSeq = this.options.store.reserveSeqs(count, receivedAt);
    // Written in the order the sequences were reserved, as `ingest` does (it reserves and
    // writes in one turn): a batch prepared sooner by another worker waits for the earlier one.
    const earlier = this.preparedTurn;
    let release = (): void => undefined;
    this.preparedTurn = new Promise<void>((resolve) => (release = resolve));
    try {
      for (;;) {
        const currencies = new Map([...this.tenants].map((t) => [t, this.options.currencyOf(t)]));
        const answer = await prepare({ receivedAt, firstSeq, currencies });
        if (answer.kind === 'prepared') {
          const { data, ends } = answer.rows;
          // A worker's rows arrive as a plain Uint8Array over a buffer of their own.
          const rows = { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), ends };
          await earlier;
          const committed = this.commit({ ...answer, receivedAt }, rows, count, request);
          release(); // the write is queued: the next batch may queue its own
          return await committed;
        }
        const unknown = answer.tenants.filter((t) => !this.tenants.has(t));
        if (unknown.length === 0)
          throw new Error('prepare: asked again for currencies it was given');
        for (const tenant of unknown) this.tenants.add(tenant);
      }
    } finally {
      release();
    }
  }

  /** Writes a screened batch and its rows, tells the listeners, and answers in item order. */
  private async commit(
    { receivedAt, valid, rejected, deadLetters }: ScreenedBatch,
    rows: RowBuffer,
    itemCount: number,
    request: IngestRequest,
  ): Promise<IngestResponse> {
    const committed = await this.writer.write({
      valid,
      rows,
      deadLetters,
      receivedAt,
      transport: request.transport,
      dedupToken: request.dedupToken,
    });
    const stored = committed.fresh;
    const report: WriteReport = {
      transport: request.transport,
      stored: stored.length,
      deadLetters: deadLetters.length,
      seconds: committed.seconds,
    };
    for (const listener of this.writeListeners) listener(report);

    if (stored.length > 0) for (const listener of this.listeners) listener(stored);
    // In item order: each answer at its index (a batch of Kafka's can hold tens of thousands).
    const results = new Array<IngestResult>(itemCount);
    for (const result of rejected) results[result.index] = result;
    for (const result of committed.results) results[result.index] = result;
    return {
      accepted: stored.length,
      duplicates: committed.results.length - stored.length,
      rejected: rejected.length,
      results,
    };
  }

  /**
   * Validates a batch without storing it: the valid events, and the rejects with reasons. A
   * thousand items at a time, with the event loop free in between: a request of 10,000 events
   * never holds up a probe, a screen or another request for long.
   */
  async screen(items: readonly BatchItem[], request: IngestRequest): Promise<ScreenedBatch> {
    const receivedAt = this.options.clock();
    const screened = emptyScreened();
    const context = { receivedAt, currencyOf: this.options.currencyOf };
    for (let index = 0; index < items.length; index++) {
      if (index > 0 && index % ITEMS_PER_TURN === 0) await otherWorkFirst();
      screenItem(items[index] as BatchItem, index, request, context, screened);
    }
    return { receivedAt, ...screened };
  }
}
