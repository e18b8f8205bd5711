import { z } from 'zod';
import { commaList, flag } from './env-fields';

/**
 * Settings of the scaled-out pipeline (apps/api/src/pipeline), spread into `envSchema`. With
 * `MIERUKA_KAFKA_BROKERS` set, ingest publishes to Kafka and a consumer group stores into
 * ClickHouse; without it, ingest stores in-process as before and nothing here is used.
 */

/** Kafka's own rule for topic names (and `.`/`..` are refused by the broker). */
const topicName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1–249 characters of A–Z a–z 0–9 . _ -')
  .refine((v) => v !== '.' && v !== '..', 'must not be . or ..');

const broker = z
  .string()
  .regex(/^[A-Za-z0-9._-]+:\d{1,5}$/, 'each entry must be HOST:PORT, such as kafka:9092');

export const kafkaEnvShape = {
  /** Comma-separated bootstrap brokers; when set, ingest goes through Kafka. */
  MIERUKA_KAFKA_BROKERS: commaList(broker),
  MIERUKA_KAFKA_TOPIC: topicName.default('mieruka.events'),
  /** Messages the consumer could not accept (not JSON, wrong schema), with the reason. */
  MIERUKA_KAFKA_DLQ_TOPIC: topicName.default('mieruka.events.dlq'),
  /**
   * Partitions of the events topic when the API creates it. Fixed once created: the tenant
   * key's partition depends on it, so more partitions later would move tenants mid-stream.
   */
  MIERUKA_KAFKA_PARTITIONS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(6),
  /** Replicas of created topics; unset means the broker's `default.replication.factor`. */
  MIERUKA_KAFKA_REPLICATION: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(32, 'must be at most 32')
    .optional(),
  /** The consumer group every API instance joins; the partitions are shared among them. */
  MIERUKA_KAFKA_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be 1–200 characters of A–Z a–z 0–9 . _ -')
    .default('mieruka-sink'),
  MIERUKA_KAFKA_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be 1–200 characters of A–Z a–z 0–9 . _ -')
    .default('mieruka'),
  /**
   * How long the group waits for a silent member before its partitions move to the others:
   * an instance killed without leaving holds its partitions this long. The broker accepts
   * 6000–300000 by default (`group.min/max.session.timeout.ms`).
   */
  MIERUKA_KAFKA_SESSION_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(6000, 'must be at least 6000 (the broker refuses shorter sessions)')
    .max(300_000, 'must be at most 300000')
    .default(30_000),
  /**
   * How often the consumer commits the offsets it has stored (0: after every batch). Only
   * stored offsets are ever committed; a crash redelivers what was stored since the last
   * commit, and the id check absorbs it. Fewer commits, less broker work per event.
   */
  MIERUKA_KAFKA_COMMIT_INTERVAL_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 or more')
    .max(60_000, 'must be at most 60000')
    .default(1000),
  /**
   * Members of the consumer group this instance runs. Each has its own fetch loop, so one
   * fetches while another's batches are stored: two store about an eighth more per second
   * than one on two cores (docs/benchmarks.md). Partitions beyond the members sit idle.
   */
  MIERUKA_KAFKA_CONSUMERS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(16, 'must be at most 16')
    .default(2),
  /**
   * Worker threads that decode, validate and encode the consumed batches, off the main thread
   * (which checks ids, writes and folds); 0: all on the main thread. 0 by default: on the
   * 2-core bench host one worker cost more CPU per event than it moved off (docs/kafka.md).
   */
  MIERUKA_KAFKA_WORKERS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(16, 'must be at most 16')
    .default(0),
  /**
   * How this instance's producer compresses what it publishes. Consumers read every codec
   * whatever this says (a topic's `compression.type` may recompress anyway); lz4 and zstd cost
   * the least CPU per byte saved.
   */
  MIERUKA_KAFKA_COMPRESSION: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']).default('none'),
  /** Off: this instance only publishes (an ingest-only replica); others store. */
  MIERUKA_KAFKA_CONSUMER: flag.default(true),
};

/** Checks across Kafka settings; returns [path, message] problems. */
export function kafkaEnvProblems(env: {
  MIERUKA_KAFKA_TOPIC: string;
  MIERUKA_KAFKA_DLQ_TOPIC: string;
}): [string, string][] {
  return env.MIERUKA_KAFKA_TOPIC === env.MIERUKA_KAFKA_DLQ_TOPIC
    ? [['MIERUKA_KAFKA_DLQ_TOPIC', 'must differ from MIERUKA_KAFKA_TOPIC']]
    : [];
}
