import type { Kafka } from 'kafkajs';
import type { PipelineLogger } from './kafka-client';

export interface TopicSettings {
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly partitions: number;
  /** Unset: the broker's `default.replication.factor`. */
  readonly replication?: number | undefined;
}

/**
 * Creates the events topic and the dead-letter topic when they are missing (brokers run with
 * `auto.create.topics.enable=false`, as they should: a typo must not invent a topic). Several
 * instances may start at once; "already exists" is not an error. An existing events topic
 * with another partition count is kept as it is, with a warning: repartitioning would move
 * tenants to other partitions mid-stream.
 */
export async function ensureTopics(
  kafka: Kafka,
  settings: TopicSettings,
  logger: PipelineLogger,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [
      { topic: settings.topic, numPartitions: settings.partitions },
      // Dead letters are rare and read by people: one partition keeps them in one order.
      { topic: settings.deadLetterTopic, numPartitions: 1 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((t) => ({ ...t, replicationFactor: settings.replication ?? -1 })),
      });
      logger.info({ topics: wanted.map((t) => t.topic) }, 'kafka: topics created');
    }
    const metadata = await admin.fetchTopicMetadata({ topics: [settings.topic] });
    const partitions = metadata.topics[0]?.partitions.length ?? 0;
    if (partitions !== settings.partitions) {
      logger.warn(
        { topic: settings.topic, partitions, configured: settings.partitions },
        'kafka: the events topic has another partition count than configured; kept as it is',
      );
    }
  } finally {
    await admin.disconnect();
  }
}
