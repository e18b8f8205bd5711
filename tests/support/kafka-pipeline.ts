/**
 * Shared by the pipeline tests (tests/integration/kafka-*.test.ts): names of a topic and group
 * of their own, simulated traffic, and the checks that say "nothing lost, nothing doubled".
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import { createSimulation } from '@mieruka/simulator';
import type { StoreClient } from '@mieruka/store';
import { freePort } from './processes';

export interface PipelineNames {
  readonly topic: string;
  readonly dlqTopic: string;
  readonly group: string;
}

export function pipelineNames(prefix: string): PipelineNames {
  const topic = `${prefix}-${randomBytes(4).toString('hex')}`;
  return { topic, dlqTopic: `${topic}.dlq`, group: `${topic}-group` };
}

/** The settings that put an API (or the test's own sink) on this topic and group. */
export function pipelineEnv(
  brokers: readonly string[],
  names: PipelineNames,
): Record<string, string> {
  return {
    MIERUKA_KAFKA_BROKERS: brokers.join(','),
    MIERUKA_KAFKA_TOPIC: names.topic,
    MIERUKA_KAFKA_DLQ_TOPIC: names.dlqTopic,
    MIERUKA_KAFKA_GROUP: names.group,
    MIERUKA_KAFKA_PARTITIONS: '3',
    MIERUKA_KAFKA_REPLICATION: '1',
  };
}

export function testKafka(brokers: readonly string[]): Kafka {
  return new Kafka({ clientId: 'mieruka-test', brokers: [...brokers], logLevel: logLevel.NOTHING });
}

/**
 * The first `count` events of a simulated call centre (default settings, so its time zone)
 * between `from` and `to`, in order. The test fixes the span: how many events it holds depends
 * on its hours and weekday, so "midnight until now" would give a different number each hour.
 */
export function simulatedEvents(options: {
  tenant: string;
  seed: number;
  from: number;
  to: number;
  count: number;
  rate?: number;
}): CallEvent[] {
  const { tenant: settings } = defaultTenantSettings(options.tenant);
  const simulation = createSimulation({
    seed: options.seed,
    tenant: options.tenant,
    timezone: settings.timezone,
    currency: settings.currency,
    start: options.from,
    rate: options.rate ?? 2,
  });
  const events = simulation.advance(options.to);
  if (events.length < options.count) {
    throw new Error(`the simulation made ${events.length} events, fewer than ${options.count}`);
  }
  return events.slice(0, options.count);
}

export const toNdjson = (events: readonly CallEvent[]): string =>
  events.map((e) => JSON.stringify(e)).join('\n');

export interface StoredCounts {
  /** Rows in the table as stored, without FINAL: a second copy of an id would count. */
  readonly rows: number;
  /** Distinct ids. */
  readonly ids: number;
  /** Ids stored more than once (before any merge), at most 10 named. */
  readonly doubled: string[];
}

export async function storedCounts(store: StoreClient): Promise<StoredCounts> {
  const table = `${store.database}.events`;
  const query = async <T>(sql: string): Promise<T[]> =>
    (await store.client.query({ query: sql, format: 'JSONEachRow' })).json<T>();
  const [totals] = await query<{ rows: number | string; ids: number | string }>(
    `SELECT count() AS rows, uniqExact(id) AS ids FROM ${table}`,
  );
  const doubled = await query<{ id: string }>(
    `SELECT id FROM ${table} GROUP BY id HAVING count() > 1 ORDER BY id LIMIT 10`,
  );
  return {
    rows: Number(totals?.rows ?? 0),
    ids: Number(totals?.ids ?? 0),
    doubled: doubled.map((d) => d.id),
  };
}

/** Whether the group has committed every message of the topic (the log end, per partition). */
export async function committedToEnd(kafka: Kafka, topic: string, group: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const at = new Map(committed?.partitions.map((p) => [p.partition, p.offset]) ?? []);
    return ends.every((end) => end.high === '0' || at.get(end.partition) === end.high);
  } finally {
    await admin.disconnect();
  }
}

/** Creates a topic (brokers do not auto-create): `partitions` partitions, one replica. */
export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** What scripts/kafka-local.js exports (plain CommonJS, so typed here). */
interface KafkaLocal {
  start(options: LocalOptions): Promise<{ brokers: string[]; pid: number }>;
  stop(options: LocalOptions): Promise<boolean>;
}

interface LocalOptions {
  port: number;
  controllerPort: number;
  dataDir: string;
  log?: (line: string) => void;
}

export interface RestartableKafka {
  readonly brokers: string[];
  /** A clean stop (SIGTERM); the data stays for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

/**
 * A broker of this test file's own, on fixed ports and data dir, so it can be stopped and
 * started again mid-test (tests/support/kafka.ts's broker can only be stopped for good).
 */
export async function restartableKafka(): Promise<RestartableKafka> {
  const local = createRequire(__filename)('../../scripts/kafka-local.js') as KafkaLocal;
  const options: LocalOptions = {
    port: await freePort(),
    controllerPort: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), 'mieruka-kafka-restart-')),
    log: () => undefined,
  };
  if (options.port === options.controllerPort) options.controllerPort = await freePort();
  const { brokers, pid } = await local.start(options);
  let current = pid;
  const kill = (): void => {
    try {
      process.kill(current, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  return {
    brokers,
    stop: async () => {
      await local.stop(options);
    },
    start: async () => {
      current = (await local.start(options)).pid;
    },
    dispose: async () => {
      process.off('exit', kill);
      await local.stop(options);
      rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}
