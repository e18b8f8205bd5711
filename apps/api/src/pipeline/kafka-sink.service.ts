import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Env } from '@mieruka/contracts';
import { Ingestor, type StoreClient } from '@mieruka/store';
import { ENV } from '../config/tokens';
import { Metrics } from '../metrics/metrics';
import { STORE_CLIENT } from '../store/store.module';
import { EventPublisher } from './event-publisher';
import { createKafka } from './kafka-client';
import { kafkaSecurity } from './kafka-security';
import { KafkaSink } from './kafka-sink';
import { createPreparePool, type PreparePool } from './prepare-pool';

/**
 * This instance's members of the consumer group (MIERUKA_KAFKA_CONSUMERS), all writing
 * through the one Ingestor. They start once the app is up (the live projections rebuilt, so
 * each stored batch folds onto a full state) and stop first on shutdown (onModuleDestroy), so
 * their last batches are stored, folded, relayed and committed while the store and Redis are
 * still open.
 */
interface MemberParts {
  readonly ingestor: Ingestor;
  readonly publisher: EventPublisher;
  readonly metrics: Metrics;
  readonly store: StoreClient;
}

/** Whether the store answers at all: a batch it keeps refusing meanwhile is at fault. */
async function storeAnswers({ client }: StoreClient): Promise<boolean> {
  try {
    await (await client.query({ query: 'SELECT 1', format: 'JSONEachRow' })).json();
    return true;
  } catch {
    return false;
  }
}

@Injectable()
export class KafkaSinkService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sinks: KafkaSink[];
  /** The members' shared prepare workers (none with MIERUKA_KAFKA_WORKERS=0). */
  private readonly prepare: PreparePool | undefined;

  constructor(
    @Inject(ENV) env: Env,
    @Inject(Ingestor) ingestor: Ingestor,
    @Inject(EventPublisher) publisher: EventPublisher,
    @Inject(Metrics) metrics: Metrics,
    @Inject(STORE_CLIENT) store: StoreClient,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('pipeline');
    this.prepare = createPreparePool(env.MIERUKA_KAFKA_WORKERS, (reason) =>
      logger.error({ reason }, 'kafka: a prepare worker died; it is replaced'),
    );
    const members = Array.from({ length: env.MIERUKA_KAFKA_CONSUMERS }, (_, i) => i + 1);
    this.sinks = members.map((member) =>
      this.member(member, env, { ingestor, publisher, metrics, store }),
    );
  }

  private member(
    member: number,
    env: Env,
    { ingestor, publisher, metrics, store }: MemberParts,
  ): KafkaSink {
    const clientId = `${env.MIERUKA_KAFKA_CLIENT_ID}-sink-${member}`;
    return new KafkaSink({
      kafka: createKafka(
        { brokers: env.MIERUKA_KAFKA_BROKERS, clientId, security: kafkaSecurity(env) },
        this.logger,
      ),
      ingestor,
      topic: env.MIERUKA_KAFKA_TOPIC,
      groupId: env.MIERUKA_KAFKA_GROUP,
      sessionTimeoutMs: env.MIERUKA_KAFKA_SESSION_TIMEOUT_MS,
      commitIntervalMs: env.MIERUKA_KAFKA_COMMIT_INTERVAL_MS,
      prepare: this.prepare,
      publishDeadLetters: (messages) => publisher.publishDeadLetters(messages),
      storeAnswers: () => storeAnswers(store),
      onBatchFailed: () => {
        metrics.kafkaBatchFailures.inc();
        metrics.kafkaPartitionsRetrying.set(this.retrying.length);
      },
      onOffsetsDeadLettered: (why, count) => metrics.kafkaOffsetsDeadLettered.inc({ why }, count),
      onBatchStored: ({ partition, lag, oldestMs }) => {
        metrics.kafkaPartitionsRetrying.set(this.retrying.length);
        metrics.kafkaLag.set({ partition: String(partition) }, lag);
        // Kafka's timestamps are the wall clock's, whatever clock the app runs on.
        metrics.kafkaDeliverySeconds.observe(Math.max(0, Date.now() - oldestMs) / 1000);
      },
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.sinks.map((sink) => sink.start()));
    this.logger.info(
      { members: this.sinks.length, workers: this.prepare?.size ?? 0 },
      'kafka: consuming into the store',
    );
  }

  /** Partitions whose batch is being retried now, over every member (readiness, metrics). */
  get retrying(): { partition: number; attempts: number; reason: string }[] {
    return this.sinks.flatMap((sink) => sink.retrying);
  }

  /** Every member joined the group and consuming (readiness). */
  get running(): boolean {
    return this.sinks.every((sink) => sink.running);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.sinks.map((sink) => sink.stop()));
    await this.prepare?.close();
  }
}
