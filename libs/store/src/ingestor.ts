import { setImmediate as otherWorkFirst } from 'node:timers/promises';
import {
  tenantIdSchema,
  validateEvent,
  type BatchItem,
  type CallEvent,
  type IngestResponse,
  type IngestResult,
} from '@mieruka/contracts';
import { encodeEventRows } from './event-row';
import type { EventStore, NewDeadLetter } from './event-store';
import { GroupCommit } from './group-commit';

/** Items validated between two turns of the event loop: a few milliseconds of work. */
const ITEMS_PER_TURN = 1_000;

export interface IngestorOptions {
  readonly store: EventStore;
  /** The receiving clock (epoch ms); a test clock in tests. */
  readonly clock: () => number;
  readonly currencyOf: (tenant: string) => string;
}

export interface IngestRequest {
  /** The transport or adapter it came through: `http`, `simulator`, `cli`, … */
  readonly transport: string;
  /** Set when the sender's key belongs to one tenant: other tenants are refused. */
  readonly boundTenant?: string | undefined;
  /**
   * ClickHouse's `insert_deduplication_token` for the events of this batch: a retry of the
   * same batch with the same token is dropped by the table itself. The Kafka sink passes
   * `topic:partition:firstOffset-lastOffset`, the same on every redelivery.
   */
  readonly dedupToken?: string | undefined;
  /** How a dead letter's reason names the item: `#3` (its index) unless told otherwise. */
  readonly itemLabel?: ((index: number) => string) | undefined;
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
    const { receivedAt, valid, rejected, deadLetters } = await this.screen(items, request);
    // Encoded now, while an earlier write may still be under way, not inside this one's turn.
    const rows = encodeEventRows(
      valid.map((v) => v.event),
      { receivedAt, ingestSource: request.transport },
      this.options.store.reserveSeqs(valid.length, receivedAt),
    );

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
    const results = new Array<IngestResult>(items.length);
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
    const rejected: IngestResult[] = [];
    const valid: { index: number; event: CallEvent }[] = [];
    const deadLetters: NewDeadLetter[] = [];
    const context = { receivedAt, currencyOf: this.options.currencyOf };

    for (let index = 0; index < items.length; index++) {
      if (index > 0 && index % ITEMS_PER_TURN === 0) await otherWorkFirst();
      const item = items[index] as BatchItem;
      const outcome = this.check(item, request.boundTenant, context);
      if (outcome.ok) {
        valid.push({ index, event: outcome.event });
        continue;
      }
      const raw = item.kind === 'value' ? item.value : undefined;
      const id = idOf(raw);
      rejected.push({
        index,
        ...(id === undefined ? {} : { id }),
        status: 'rejected',
        reason: outcome.reason,
      });
      deadLetters.push({
        // A key bound to a tenant files its rejects there, whatever tenant they claim: one
        // tenant's key must not write into another's dead letters.
        tenant: request.boundTenant ?? tenantOf(raw) ?? 'default',
        source: request.transport,
        reason: `${request.itemLabel?.(index) ?? `#${index}`}: ${outcome.reason}`,
        payload: item.kind === 'value' ? (JSON.stringify(item.value) ?? 'undefined') : item.text,
      });
    }
    return { receivedAt, valid, rejected, deadLetters };
  }

  private check(
    item: BatchItem,
    boundTenant: string | undefined,
    context: Parameters<typeof validateEvent>[1],
  ): ReturnType<typeof validateEvent> {
    if (item.kind === 'unparsable') return { ok: false, reason: item.reason };
    let value = item.value;
    if (
      boundTenant !== undefined &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value)
    ) {
      const tenant = (value as Record<string, unknown>).tenant;
      if (tenant === undefined) value = { ...value, tenant: boundTenant };
      else if (tenant !== boundTenant) {
        return {
          ok: false,
          reason: `tenant: this ingest key may only post events of tenant "${boundTenant}"`,
        };
      }
    }
    return validateEvent(value, context, item.bytes);
  }
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}

function tenantOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const tenant = (raw as Record<string, unknown>).tenant;
  return tenantIdSchema.safeParse(tenant).success ? (tenant as string) : undefined;
}
