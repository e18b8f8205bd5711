import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Env } from '@mieruka/contracts';
import { Ingestor } from '@mieruka/store';
import { ENV } from '../config/tokens';
import { Metrics } from '../metrics/metrics';
import { EventPublisher } from './event-publisher';
import { createKafka } from './kafka-client';
import { KafkaSink } from './kafka-sink';

/**
 * This instance's member of the consumer group. It starts once the app is up (the live
 * projections rebuilt, so each stored batch folds onto a full state) and stops first on
 * shutdown (onModuleDestroy), so its last batch is stored, folded, relayed and committed
 * while the store and Redis are still open.
 */
@Injectable()
export class KafkaSinkService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sink: KafkaSink;

  constructor(
    @Inject(ENV) env: Env,
    @Inject(Ingestor) ingestor: Ingestor,
    @Inject(EventPublisher) publisher: EventPublisher,
    @Inject(Metrics) metrics: Metrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('pipeline');
    this.sink = new KafkaSink({
      kafka: createKafka(
        { brokers: env.MIERUKA_KAFKA_BROKERS, clientId: `${env.MIERUKA_KAFKA_CLIENT_ID}-sink` },
        logger,
      ),
      ingestor,
      topic: env.MIERUKA_KAFKA_TOPIC,
      groupId: env.MIERUKA_KAFKA_GROUP,
      sessionTimeoutMs: env.MIERUKA_KAFKA_SESSION_TIMEOUT_MS,
      commitIntervalMs: env.MIERUKA_KAFKA_COMMIT_INTERVAL_MS,
      publishDeadLetters: (messages) => publisher.publishDeadLetters(messages),
      onBatchStored: ({ partition, lag, oldestMs }) => {
        metrics.kafkaLag.set({ partition: String(partition) }, lag);
        // Kafka's timestamps are the wall clock's, whatever clock the app runs on.
        metrics.kafkaDeliverySeconds.observe(Math.max(0, Date.now() - oldestMs) / 1000);
      },
      logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sink.start();
    this.logger.info('kafka: consuming into the store');
  }

  /** Joined the group and consuming (readiness). */
  get running(): boolean {
    return this.sink.running;
  }

  async onModuleDestroy(): Promise<void> {
    await this.sink.stop();
  }
}
