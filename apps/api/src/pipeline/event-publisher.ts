import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import type { CallEvent, Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import { createKafka } from './kafka-client';
import { compressionType } from './kafka-codecs';
import { eventMessage } from './kafka-message';
import { kafkaSecurity } from './kafka-security';
import { ensureTopics } from './kafka-topics';
import { SendQueue } from './send-queue';

export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers?: IHeaders;
}

/** Under the broker's default `message.max.bytes` (1 MiB), with room for batch overhead. */
const MAX_SEND_BYTES = 768 * 1024;

const sizeOf = (part: string | Buffer | null): number =>
  part === null ? 0 : typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;

/**
 * Puts validated events on the events topic (and rejected messages on the dead-letter
 * topic): an idempotent producer, `acks=-1` (every in-sync replica has them), the tenant as
 * key so one tenant's events keep their order. A publish resolves only once Kafka has them.
 */
@Injectable()
export class EventPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly queue: SendQueue<OutgoingMessage>;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('pipeline');
    this.kafka = createKafka(
      {
        brokers: env.MIERUKA_KAFKA_BROKERS,
        clientId: `${env.MIERUKA_KAFKA_CLIENT_ID}-producer`,
        security: kafkaSecurity(env),
      },
      logger,
    );
    this.producer = this.kafka.producer({
      idempotent: true,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, unlike kafkajs's default for idempotent producers (forever): an HTTP sender
      // gets its 503 within seconds and retries, and a resent id is absorbed downstream.
      // kafkajs warns that this "may invalidate EoS guarantees"; ids keep ours.
      retry: { initialRetryTime: 300, retries: 6, maxRetryTime: 5_000 },
    });
    this.queue = new SendQueue(
      (messages) => this.send(messages),
      (m) => sizeOf(m.key) + sizeOf(m.value) + 64,
      MAX_SEND_BYTES,
    );
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(
      this.kafka,
      {
        topic: this.env.MIERUKA_KAFKA_TOPIC,
        deadLetterTopic: this.env.MIERUKA_KAFKA_DLQ_TOPIC,
        partitions: this.env.MIERUKA_KAFKA_PARTITIONS,
        replication: this.env.MIERUKA_KAFKA_REPLICATION,
      },
      this.logger,
    );
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Resolves once every in-sync replica has the events (acks=-1). */
  publish(events: readonly CallEvent[]): Promise<void> {
    const topic = this.env.MIERUKA_KAFKA_TOPIC;
    return this.queue.enqueue(events.map((event) => ({ topic, ...eventMessage(event) })));
  }

  /** Rejected messages, as they came, to the dead-letter topic with their reasons as headers. */
  publishDeadLetters(messages: readonly Omit<OutgoingMessage, 'topic'>[]): Promise<void> {
    const topic = this.env.MIERUKA_KAFKA_DLQ_TOPIC;
    return this.queue.enqueue(messages.map((message) => ({ topic, ...message })));
  }

  private async send(messages: OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic);
      if (list) list.push(message);
      else byTopic.set(message.topic, [message]);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: compressionType[this.env.MIERUKA_KAFKA_COMPRESSION],
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map(({ key, value, headers }) => ({
          key,
          value,
          ...(headers ? { headers } : {}),
        })),
      })),
    });
  }
}
