import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { IngestResponse } from '@mieruka/contracts';
import {
  packValues,
  prepareBatch,
  type Ingestor,
  type PrepareAnswer,
  type PrepareContext,
  type PrepareJob,
} from '@mieruka/store';
import type { PipelineLogger } from './kafka-client';
import {
  batchToken,
  deadLetterItem,
  messageItem,
  messageLabel,
  messageLabelPrefix,
  retryDelay,
} from './kafka-message';
import type { PreparePool } from './prepare-pool';
import { WorkerDied } from './worker-pool';
import { UNDECODABLE_HEADER } from './undecodable-batch';

export interface DeadLetterMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** Why a stand-in for an offset of an undecodable batch (undecodable-batch.ts) is one. */
function undecodableReason(message: KafkaMessage | undefined): string | undefined {
  const reason = message?.headers?.[UNDECODABLE_HEADER];
  return reason === undefined ? undefined : `batch could not be decompressed (${String(reason)})`;
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
   * Whether the store answers a probe right now. A batch still refused after `isolateAfter`
   * attempts while it does is the batch's fault, not the store's: it is stored apart (see
   * `storeApart`). While the store does not answer, batches wait for it, however long.
   */
  readonly storeAnswers?: () => Promise<boolean>;
  /** Failed attempts at one batch before the store is asked whether the batch is at fault. */
  readonly isolateAfter?: number;
  /** Hears each failed attempt to store a batch (it is retried after a backoff). */
  readonly onBatchFailed?: () => void;
  /** Hears offsets dead-lettered for a whole batch's sake (undecodable, or refused by the store). */
  readonly onOffsetsDeadLettered?: (why: 'undecodable' | 'refused', count: number) => void;
  /**
   * Batches of different partitions handled at once (default 2): one is validated while the
   * store writes another (the Ingestor still writes one at a time). A partition's own batches
   * always go in order.
   */
  readonly partitionsAtOnce?: number;
  /**
   * Worker threads that decode, validate and encode each batch (prepare-pool.ts); without
   * them that is done on this thread. Either way the id check, the write and the fold stay here.
   */
  readonly prepare?: PreparePool | undefined;
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
  /** Consecutive failed attempts per partition, for the backoff, with the last reason. */
  private readonly failures = new Map<number, { attempts: number; reason: string }>();
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

  /** Partitions whose batch is being retried now, with attempts and the last error (readiness, metrics). */
  get retrying(): { partition: number; attempts: number; reason: string }[] {
    return [...this.failures].map(([partition, failure]) => ({ partition, ...failure }));
  }

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
      for (const partition of this.failures.keys()) {
        if (!mine.has(partition)) this.failures.delete(partition);
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
      answer = await this.storeRun(messages, topic, partition);
    } catch (error) {
      const apart = await this.storeApartIfAtFault(messages, topic, partition, error, token);
      if (!apart) {
        this.backOff(partition, () => payload.pause(), error, token);
        return; // unresolved: after the resume the next fetch starts at `first` again
      }
      answer = apart;
    }
    this.failures.delete(partition);
    this.reportUndecodable(messages, token);
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

  /** One run of a partition's messages as one insert, its rejects to the dead-letter topic. */
  private async storeRun(
    messages: readonly KafkaMessage[],
    topic: string,
    partition: number,
    refusedBecause?: string,
  ): Promise<IngestResponse> {
    const first = messages[0]!.offset;
    const last = messages[messages.length - 1]!.offset;
    const deadBecause = (m: KafkaMessage) => refusedBecause ?? undecodableReason(m);
    const label = (i: number) => messageLabel(topic, partition, messages[i]?.offset ?? '?');
    const request = {
      transport: 'kafka',
      dedupToken: batchToken(topic, partition, first, last),
      itemLabel: label,
      // A retried or split batch files each reject once (NewDeadLetter.origin).
      itemOrigin: label,
    };
    const pool = this.options.prepare;
    const answer = pool
      ? await this.options.ingestor.ingestPrepared(messages.length, request, (context) =>
          this.prepareIn(pool, prepareJob(messages, topic, partition, deadBecause, context)),
        )
      : await this.options.ingestor.ingest(
          messages.map((m) => {
            const reason = deadBecause(m);
            return reason === undefined ? messageItem(m.value) : deadLetterItem(m.value, reason);
          }),
          request,
        );
    await this.forwardRejects(answer, messages, topic, partition);
    return answer;
  }

  /**
   * After `isolateAfter` failed attempts, and only while the store answers a probe: the batch
   * is at fault, so it is stored apart. Otherwise (or if that fails too) undefined: back off.
   */
  private async storeApartIfAtFault(
    messages: readonly KafkaMessage[],
    topic: string,
    partition: number,
    error: unknown,
    token: string,
  ): Promise<IngestResponse | undefined> {
    const attempts = (this.failures.get(partition)?.attempts ?? 0) + 1;
    const probe = this.options.storeAnswers;
    if (!probe || attempts < (this.options.isolateAfter ?? 5)) return undefined;
    if (!(await probe().catch(() => false))) return undefined;
    try {
      const refused: KafkaMessage[] = [];
      const answer = await this.storeApart(messages, topic, partition, refused);
      this.options.logger.error(
        { err: error, token, attempts, offsets: refused.map((m) => m.offset) },
        'kafka: the store kept refusing a batch while answering otherwise; stored it apart, the messages it refused alone are dead-lettered',
      );
      if (refused.length > 0) this.options.onOffsetsDeadLettered?.('refused', refused.length);
      return answer;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores what the store takes of a run it refuses as a whole: halves, each its own insert
   * (and token, the same on a redelivery), down to single messages; a message refused alone
   * is dead-lettered with the store's error. Answers are merged in message order.
   */
  private async storeApart(
    messages: readonly KafkaMessage[],
    topic: string,
    partition: number,
    refused: KafkaMessage[],
  ): Promise<IngestResponse> {
    try {
      return await this.storeRun(messages, topic, partition);
    } catch (error) {
      if (messages.length > 1) {
        const half = Math.ceil(messages.length / 2);
        const left = await this.storeApart(messages.slice(0, half), topic, partition, refused);
        const right = await this.storeApart(messages.slice(half), topic, partition, refused);
        return {
          accepted: left.accepted + right.accepted,
          duplicates: left.duplicates + right.duplicates,
          rejected: left.rejected + right.rejected,
          results: [
            ...left.results,
            ...right.results.map((r) => ({ ...r, index: r.index + half })),
          ],
        };
      }
      const message = messages[0]!;
      refused.push(message);
      const reason = `the store refused it: ${error instanceof Error ? error.message : String(error)}`;
      return this.storeRun([message], topic, partition, reason);
    }
  }

  /** A batch that could not be decompressed was dead-lettered as stand-ins: said once, loudly. */
  private reportUndecodable(messages: readonly KafkaMessage[], token: string): void {
    const reason = undecodableReason(messages[0]);
    if (reason === undefined) return;
    this.options.logger.error(
      { token, offsets: messages.length, reason },
      'kafka: a batch could not be decompressed; its offsets are dead-lettered',
    );
    this.options.onOffsetsDeadLettered?.('undecodable', messages.length);
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

  /**
   * A prepare job done by the pool's first free worker. If the worker died meanwhile (it is
   * replaced for the next job) the same job is done here instead, with the same answer
   * (prepareBatch is pure): nothing is lost or dead-lettered for the crash, and a message
   * that kills a worker thread does not stop its partition.
   */
  private async prepareIn(pool: PreparePool, job: PrepareJob): Promise<PrepareAnswer> {
    try {
      // Copied to the worker (not transferred), so that the job is still here for the fallback.
      return await pool.run(job);
    } catch (error) {
      if (!(error instanceof WorkerDied)) throw error;
      this.options.logger.warn(
        { err: error, values: job.ends.length },
        'kafka: a prepare worker died; this batch is prepared on the main thread',
      );
      return prepareBatch(job);
    }
  }

  private backOff(partition: number, pause: () => () => void, error: unknown, token: string): void {
    const attempt = (this.failures.get(partition)?.attempts ?? 0) + 1;
    this.failures.set(partition, {
      attempts: attempt,
      reason: error instanceof Error ? error.message : String(error),
    });
    this.options.onBatchFailed?.();
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

/** A run's messages as a prepare job, its values packed end to end. */
function prepareJob(
  messages: readonly KafkaMessage[],
  topic: string,
  partition: number,
  deadBecause: (m: KafkaMessage) => string | undefined,
  context: PrepareContext,
): PrepareJob {
  const { bytes, ends } = packValues(messages.map((m) => m.value));
  return {
    bytes,
    ends,
    deadBecause: messages.map((m) => deadBecause(m) ?? null),
    labelPrefix: messageLabelPrefix(topic, partition),
    labels: messages.map((m) => m.offset),
    transport: 'kafka',
    ...context,
  };
}
