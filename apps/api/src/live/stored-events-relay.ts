import { randomUUID } from 'node:crypto';
import type { CallEvent } from '@mieruka/contracts';
import { closeClient, newRedisClient, type RedisClient } from './redis-client';

/** How long one XREAD waits for new entries before asking again. */
const BLOCK_MS = 5_000;
/** Wait after a failed read (Redis down) before the next attempt. */
const RETRY_MS = 1_000;
/** Entries kept in the stream (approximately): minutes of traffic, for readers that fell behind. */
const MAX_ENTRIES = 100_000;

export interface RelayLogger {
  warn(details: object, message: string): void;
}

/**
 * Several API instances each keep every tenant's live projection: whatever one instance
 * stores, it appends to a Redis stream, and every other instance reads the stream and folds
 * those events too. A stream, not pub/sub, so nothing is missed across a Redis blip: while
 * Redis is away the writer's client queues its appends, and each reader resumes from the
 * last entry it read. (Socket.IO's own server-to-server messages use pub/sub and would drop
 * them.) Folding is idempotent by event id, so an entry read twice counts once.
 */
export class StoredEventsRelay {
  /** Tells this instance's own entries apart (it folded those when it stored them). */
  private readonly instance = randomUUID();
  private readonly writer: RedisClient;
  private reader: RedisClient | undefined;
  private offset = '0';
  private stopped = false;
  private reading: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly key: string,
    private readonly logger: RelayLogger,
  ) {
    this.writer = newRedisClient(url);
    this.writer.on('error', (error: unknown) => this.complain(error));
  }

  /**
   * Connects and notes where the stream ends now. Call before rebuilding from the store: the
   * reader then starts here, so an event stored by a peer during the rebuild is not missed
   * (one both rebuilt and read counts once).
   */
  async connect(): Promise<void> {
    await this.writer.connect();
    const last = await this.writer.xRevRange(this.key, '+', '-', { COUNT: 1 });
    this.offset = last?.[0]?.id ?? '0';
  }

  publish(events: readonly CallEvent[]): void {
    if (events.length === 0 || this.stopped) return;
    this.writer
      .xAdd(
        this.key,
        '*',
        { from: this.instance, events: JSON.stringify(events) },
        { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: MAX_ENTRIES } },
      )
      .catch((error: unknown) => this.complain(error));
  }

  /** Reads peers' entries from the offset noted by `connect`, until `close`. */
  start(fold: (events: CallEvent[]) => void): void {
    const reader = this.writer.duplicate();
    reader.on('error', (error: unknown) => this.complain(error));
    this.reader = reader;
    this.reading = reader.connect().then(() => this.readLoop(reader, fold));
  }

  private async readLoop(reader: RedisClient, fold: (events: CallEvent[]) => void): Promise<void> {
    while (!this.stopped) {
      try {
        const answer = await reader.xRead(
          { key: this.key, id: this.offset },
          { BLOCK: BLOCK_MS, COUNT: 100 },
        );
        for (const stream of answer ?? []) {
          for (const { id, message } of stream.messages) {
            this.offset = id;
            if (message['from'] !== this.instance && message['events']) {
              fold(JSON.parse(message['events']) as CallEvent[]);
            }
          }
        }
      } catch (error) {
        if (this.stopped) return;
        this.complain(error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.reader?.destroy();
    await this.reading?.catch(() => undefined);
    await closeClient(this.writer);
  }

  private lastComplaint = 0;

  /** One line per 10 s at most: a Redis outage must not flood the log. */
  private complain(error: unknown): void {
    if (Date.now() - this.lastComplaint < 10_000) return;
    this.lastComplaint = Date.now();
    this.logger.warn({ err: error }, 'redis: relay of stored events interrupted; retrying');
  }
}
