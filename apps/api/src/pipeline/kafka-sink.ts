import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { IngestResponse } from '@mieruka/contracts';
import type { Ingestor } from '@mieruka/store';
import type { PipelineLogger } from './kafka-client';
import { batchToken, messageItem, messageLabel, retryDelay } from './kafka-message';

export interface DeadLetterMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

export interface KafkaSinkOptions {
  readonly kafka: Kafka;
  /** The one ingest path: validation, dedupe by id, insert, dead letters, onStored listeners. */
  readonly ingestor: Ingestor;
  readonly topic: string;
  readonly groupId: string;
  /** Sends rejected messages to the dead-letter topic. */
  readonly publishDeadLetters: (messages: DeadLetterMessage[]) => Promise<void>;
  readonly logger: PipelineLogger;
  /** Backoff after a failed insert: doubling from `minMs` to `maxMs`. */
  readonly retry?: { readonly minMs: number; readonly maxMs: number };
  /** Fetch size per partition: larger fetches make larger (cheaper per event) inserts. */
  readonly maxBytesPerPartition?: number;
  /** How long the group waits for this member when it goes silent (kafkajs: 30 s). */
  readonly sessionTimeoutMs?: number;
  /** Hears each stored batch: messages left behind it in the partition, its oldest message's publish time. */
  readonly onBatchStored?: (report: { partition: number; lag: number; oldestMs: number }) => void;
  /** Commit stored offsets at most this often; 0 commits after every batch. */
  readonly commitIntervalMs?: number;
  /**
   * Batches of different partitions handled at once (default 2): one is validated while the
   * store writes another (the Ingestor still writes one at a time). A partition's own batches
   * always go in order.
   */
  readonly partitionsAtOnce?: number;
}

/**
 * Kafka → ClickHouse, one consumer of the group. Each fetched batch of a partition goes
 * through the Ingestor as one insert with a deterministic deduplication token; its offsets
 * are committed only after ClickHouse acknowledged it (every `commitIntervalMs`, and on a
 * clean stop). When the insert fails, the batch is left unresolved and the partition paused:
 * after a backoff it resumes and the same offsets are fetched again. Nothing is committed
 * past what is stored, so a crash at any point means a redelivery of stored events, which
 * the id check (and the token, and ReplacingMergeTree) absorb.
 */
export class KafkaSink {
  private consumer: Consumer | undefined;
  /** Consecutive failed attempts per partition, for the backoff. */
  private readonly failures = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /**
   * Per partition, the offset after the last stored batch that the group has not confirmed
   * yet: what the next commit says. An entry leaves only when kafkajs reports the commit done
   * (COMMIT_OFFSETS), because `commitOffsets` also resolves when it did nothing — while the
   * consumer is restarting itself after a broker restart, say — and trusting that resolution
   * once left a fully stored topic uncommitted for good.
   */
  private readonly stored = new Map<number, bigint>();
  private lastCommit = 0;
  /** The commit under way, so the timer never stacks a second one behind a slow one. */
  private committing: Promise<void> | undefined;
  private commitTimer: NodeJS.Timeout | undefined;
  /** The batches being stored (one per partition at most), which a clean stop waits for. */
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  /** A member of the group now: joined, and not crashed or stopped since (for readiness). */
  private member = false;

  constructor(private readonly options: KafkaSinkOptions) {}

  /** Whether this instance's consumer is a running member of the group (readiness reads it). */
  get running(): boolean {
    return this.member && !this.stopping;
  }

  /** Joins the group; resolves once the consumer runs (its first assignment done). */
  async start(): Promise<void> {
    await this.runConsumer();
    this.lastCommit = Date.now();
    const interval = this.options.commitIntervalMs ?? 1000;
    // Also when traffic stops: what was stored last is committed within the interval.
    if (interval > 0) {
      this.commitTimer = setInterval(() => {
        if (Date.now() - this.lastCommit >= interval) {
          this.commit().catch((error: unknown) =>
            this.options.logger.warn({ err: error }, 'kafka: committing offsets failed'),
          );
        }
      }, interval);
    }
  }

  private async runConsumer(): Promise<void> {
    const { kafka, groupId, topic } = this.options;
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 4 * 1024 * 1024,
      sessionTimeout,
      heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)),
      // How long a fetch waits for data, and how long the loop sleeps while every partition
      // is paused: also the latest a resumed partition is fetched again.
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    // Partitions that went to another member are theirs to commit now; what this member
    // stored of them and did not commit yet is redelivered there and absorbed by id.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.member = true;
      const mine = new Set(payload.memberAssignment[topic] ?? []);
      for (const partition of this.stored.keys()) {
        if (!mine.has(partition)) this.stored.delete(partition);
      }
    });
    // Out of the group until it joins again (kafkajs's own restart, or restartConsumer).
    consumer.on(consumer.events.STOP, () => {
      this.member = false;
    });
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      for (const { topic: committedTopic, partitions } of payload.topics) {
        if (committedTopic !== topic) continue;
        for (const { partition, offset } of partitions) {
          // Typed as strings by kafkajs; a number and a Long at run time.
          const pending = this.stored.get(Number(partition));
          if (pending !== undefined && pending <= BigInt(String(offset))) {
            this.stored.delete(Number(partition));
          }
        }
      }
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.member = false;
      this.options.logger.error(
        { err: payload.error, restart: payload.restart },
        'kafka: the consumer crashed',
      );
      // kafkajs restarts itself after retriable errors only; after others (a stale group
      // generation when the broker comes back, say) the consumer would stay stopped.
      if (!payload.restart && !this.stopping) this.restartConsumer(consumer, 1);
    });
    await consumer.connect();
    // A new group starts at the beginning: events published before any consumer ran are kept.
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsAtOnce ?? 2,
      eachBatch: async (payload) => {
        if (this.stopping) return; // not begun: left unresolved for the next owner or start
        const work = this.onBatch(payload);
        this.inFlight.add(work);
        try {
          await work;
        } finally {
          this.inFlight.delete(work);
        }
      },
    });
  }

  /**
   * Replaces a consumer that stopped for good with a new member of the group, after a backoff.
   * Offsets stored but not committed are forgotten: redelivered, and absorbed by id.
   */
  private restartConsumer(crashed: Consumer, attempt: number): void {
    const delay = retryDelay(attempt, 1_000, 30_000);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void (async () => {
        if (this.stopping || this.consumer !== crashed) return;
        this.consumer = undefined;
        this.stored.clear();
        await crashed.disconnect().catch(() => undefined);
        try {
          await this.runConsumer();
          this.options.logger.warn({ attempt }, 'kafka: consumer restarted after a crash');
        } catch (error) {
          this.options.logger.error(
            { err: error, attempt },
            'kafka: restarting the consumer failed',
          );
          this.consumer = crashed;
          this.restartConsumer(crashed, attempt + 1);
        }
      })();
    }, delay);
    this.timers.add(timer);
  }

  /**
   * Leaves the group cleanly: the batches in hand are finished (stored, folded), every stored
   * offset committed, then the consumer disconnects. Fetched batches not yet begun are left
   * uncommitted and go to the next owner.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.commitTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
    try {
      await this.commit();
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        'kafka: final commit failed; the next owner redelivers',
      );
    }
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /**
   * Commits every stored offset the group has not confirmed yet. One commit at a time; what a
   * commit does not confirm stays in `stored` and goes out again on the next tick.
   */
  private commit(): Promise<void> {
    this.committing ??= this.commitStored().finally(() => {
      this.committing = undefined;
    });
    return this.committing;
  }

  private async commitStored(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.stored.size === 0) return;
    const offsets = [...this.stored].map(([partition, offset]) => ({
      topic: this.options.topic,
      partition,
      offset: offset.toString(),
    }));
    this.lastCommit = Date.now();
    await consumer.commitOffsets(offsets);
    // Still pending at exactly what was sent: the group did not take it. (A larger pending
    // offset is a newer batch stored meanwhile, which the next tick commits.)
    const unconfirmed = offsets.filter(
      ({ partition, offset }) => this.stored.get(partition)?.toString() === offset,
    );
    if (unconfirmed.length > 0) {
      this.options.logger.warn(
        { partitions: unconfirmed.map((o) => o.partition) },
        'kafka: commit not confirmed (consumer rejoining?); retried on the next tick',
      );
    }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition, messages } = batch;
    const first = messages[0];
    const last = messages[messages.length - 1];
    if (!first || !last) return;
    const token = batchToken(topic, partition, first.offset, last.offset);

    let answer: IngestResponse;
    try {
      answer = await this.options.ingestor.ingest(
        messages.map((m) => messageItem(m.value)),
        {
          transport: 'kafka',
          dedupToken: token,
          itemLabel: (i) => messageLabel(topic, partition, messages[i]?.offset ?? '?'),
        },
      );
      await this.forwardRejects(answer, messages, topic, partition);
    } catch (error) {
      this.backOff(partition, () => payload.pause(), error, token);
      return; // unresolved: after the resume the next fetch starts at `first` again
    }
    this.failures.delete(partition);
    this.options.logger.debug(
      {
        token,
        stored: answer.accepted,
        duplicates: answer.duplicates,
        rejected: answer.rejected,
      },
      'kafka: batch stored',
    );
    this.options.onBatchStored?.({
      partition,
      lag: Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(last.offset) - 1n)),
      oldestMs: messages.reduce((oldest, m) => Math.min(oldest, Number(m.timestamp)), Infinity),
    });
    payload.resolveOffset(last.offset);
    // A committed offset names the next message to read.
    this.stored.set(partition, BigInt(last.offset) + 1n);
    if (Date.now() - this.lastCommit >= (this.options.commitIntervalMs ?? 1000)) {
      await this.commit();
    }
    await payload.heartbeat();
  }

  private async forwardRejects(
    answer: IngestResponse,
    messages: readonly KafkaMessage[],
    topic: string,
    partition: number,
  ): Promise<void> {
    const letters: DeadLetterMessage[] = [];
    for (const result of answer.results) {
      if (result.status !== 'rejected') continue;
      const message = messages[result.index];
      if (!message) continue;
      letters.push({
        key: message.key,
        value: message.value,
        headers: {
          'mieruka-reason': result.reason,
          'mieruka-origin': messageLabel(topic, partition, message.offset),
        },
      });
    }
    if (letters.length > 0) await this.options.publishDeadLetters(letters);
  }

  private backOff(partition: number, pause: () => () => void, error: unknown, token: string): void {
    const attempt = (this.failures.get(partition) ?? 0) + 1;
    this.failures.set(partition, attempt);
    const { minMs, maxMs } = this.options.retry ?? { minMs: 500, maxMs: 15_000 };
    const delay = retryDelay(attempt, minMs, maxMs);
    this.options.logger.warn(
      { err: error, token, attempt, retryInMs: delay },
      'kafka: storing a batch failed; partition paused, nothing committed, retrying',
    );
    const resume = pause();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      resume();
    }, delay);
    this.timers.add(timer);
  }
}
