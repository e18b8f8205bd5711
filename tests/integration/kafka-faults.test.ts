/**
 * The consumer under faults, in this process on a real broker: the broker restarted
 * mid-stream, ClickHouse failing for 30 s, a second consumer joining and leaving the group.
 * Each time every event is stored exactly once (no id in two rows, even without FINAL) and
 * the live fold (fed by the Ingestor's onStored, as in the API) equals the SQL snapshot.
 *
 * Two consumers share one store here on purpose: chDB binds one data folder per process, so
 * two processes could not share it; in production they share a ClickHouse server.
 */
import type { Kafka, Producer } from 'kafkajs';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot, type Projection } from '@mieruka/kpi';
import {
  EventStore,
  Ingestor,
  computeSqlSnapshot,
  type IngestMeta,
  type NewDeadLetter,
} from '@mieruka/store';
import { openTestStore } from '@mieruka/store/testing';
import { createKafka, type PipelineLogger } from '../../apps/api/src/pipeline/kafka-client';
import { KafkaSink } from '../../apps/api/src/pipeline/kafka-sink';
import {
  committedToEnd,
  createTopic,
  pipelineNames,
  restartableKafka,
  simulatedEvents,
  storedCounts,
  testKafka,
  type PipelineNames,
  type RestartableKafka,
} from '../support/kafka-pipeline';
import { until } from '../support/processes';

jest.setTimeout(300_000);

const OUTAGE_MS = 30_000;

const AT = Date.parse('2026-11-24T21:00:00+09:00');
/** The simulated traffic: that Tuesday in Tokyo, from midnight up to AT. */
const DAY = { from: Date.parse('2026-11-24T00:00:00+09:00'), to: AT };
/** Six tenants: their keys spread over all three partitions. */
const TENANTS = ['t0', 't1', 't2', 't3', 't4', 't5'];

/** Log lines kept for assertions (what the sink said it did). */
class RecordingLogger implements PipelineLogger {
  readonly lines: { level: string; message: string; details: object }[] = [];
  private record(level: string, details: object, message: string): void {
    this.lines.push({ level, message, details });
  }
  error(details: object, message: string): void {
    this.record('error', details, message);
  }
  warn(details: object, message: string): void {
    this.record('warn', details, message);
  }
  info(details: object, message: string): void {
    this.record('info', details, message);
  }
  debug(details: object, message: string): void {
    this.record('debug', details, message);
  }
  count(message: string): number {
    return this.lines.filter((l) => l.message.startsWith(message)).length;
  }
}

/**
 * The store seam of the outage test (test-only): while `down`, every read and write fails as
 * an unreachable ClickHouse server would, and nothing is written.
 */
class FailingEventStore extends EventStore {
  down = false;
  failures = 0;
  private check(): void {
    if (!this.down) return;
    this.failures++;
    throw new Error('connect ECONNREFUSED 127.0.0.1:8123 (ClickHouse down, injected by the test)');
  }
  override async storedKeys(ids: readonly string[]): Promise<Set<string>> {
    this.check();
    return super.storedKeys(ids);
  }
  override async insertEvents(
    events: readonly CallEvent[],
    meta: IngestMeta,
    dedupToken?: string,
  ): Promise<void> {
    this.check();
    return super.insertEvents(events, meta, dedupToken);
  }
  override async insertDeadLetters(
    letters: readonly NewDeadLetter[],
    receivedAt: number,
  ): Promise<void> {
    this.check();
    return super.insertDeadLetters(letters, receivedAt);
  }
}

describe('the Kafka sink under faults', () => {
  let broker: RestartableKafka | undefined;
  let kafka: Kafka;
  let producer: Producer | undefined;

  beforeAll(async () => {
    broker = await restartableKafka();
    kafka = testKafka(broker.brokers);
    producer = kafka.producer({
      idempotent: true,
      allowAutoTopicCreation: false,
      // Rides out the broker restart in the middle of the first test.
      retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    await producer.connect();
  }, 600_000);

  /** Every sink the tests made: stopped at the end even when a test failed before its stop. */
  const allSinks: KafkaSink[] = [];

  afterAll(async () => {
    for (const sink of allSinks) await sink.stop().catch(() => undefined);
    await producer?.disconnect();
    await broker?.dispose();
  }, 120_000);

  /** A fresh topic, database, projection and sink factory for one test. */
  async function setUp(prefix: string) {
    const names = pipelineNames(prefix);
    await createTopic(kafka, names.topic, 3);
    const client = await openTestStore();
    const store = new FailingEventStore(client);
    const ingestor = new Ingestor({ store, clock: () => AT, currencyOf: () => 'JPY' });
    const projections = new Map<string, Projection>(
      TENANTS.map((t) => [t, createProjection(defaultTenantSettings(t))]),
    );
    ingestor.onStored((events) => {
      for (const event of events) evolve(projections.get(event.tenant)!, event);
    });
    const sinks: KafkaSink[] = [];
    const sink = (logger = new RecordingLogger()) => {
      const created = new KafkaSink({
        kafka: createKafka({ brokers: broker!.brokers, clientId: `${prefix}-sink` }, logger),
        ingestor,
        topic: names.topic,
        groupId: names.group,
        publishDeadLetters: () => Promise.resolve(),
        logger,
        retry: { minMs: 200, maxMs: 2000 },
        sessionTimeoutMs: 6000,
      });
      sinks.push(created);
      allSinks.push(created);
      return { sink: created, logger };
    };
    const events = TENANTS.flatMap((tenant, i) =>
      simulatedEvents({ tenant, seed: 40 + i, ...DAY, count: 1500, rate: 2 }),
    ).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    return { names, client, store, projections, sink, sinks, events };
  }

  async function produce(names: PipelineNames, events: readonly CallEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 200) {
      await producer!.send({
        topic: names.topic,
        acks: -1,
        messages: events
          .slice(i, i + 200)
          .map((e) => ({ key: e.tenant, value: JSON.stringify(e) })),
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for the group to commit everything, then checks store and projections. */
  async function expectExactlyOnce(test: Awaited<ReturnType<typeof setUp>>): Promise<void> {
    await until(
      'every message committed',
      async () =>
        (await committedToEnd(kafka, test.names.topic, test.names.group)) ? true : undefined,
      180_000,
    );
    for (const sink of test.sinks) await sink.stop();
    const total = test.events.length;
    expect(await storedCounts(test.client)).toEqual({ rows: total, ids: total, doubled: [] });
    for (const tenant of TENANTS) {
      const sql = await computeSqlSnapshot(test.client, {
        settings: defaultTenantSettings(tenant),
        at: AT,
        scope: 'tenant',
      });
      const live = snapshot(test.projections.get(tenant)!, AT, 'tenant');
      expect({ tenant, live }).toEqual({ tenant, live: sql });
    }
    await test.client.drop();
  }

  it('rides out a broker restart mid-stream', async () => {
    const test = await setUp('restart');
    const { sink, logger } = test.sink();
    await sink.start();
    const half = Math.floor(test.events.length / 2);
    await produce(test.names, test.events.slice(0, half));
    await broker!.stop();
    await broker!.start();
    await produce(test.names, test.events.slice(half));
    await expectExactlyOnce(test);
    expect(logger.count('kafka: batch stored')).toBeGreaterThan(0);
  });

  it('pauses while ClickHouse fails, retries with backoff and resumes by itself', async () => {
    const test = await setUp('outage');
    const { sink, logger } = test.sink();
    await sink.start();
    const third = Math.floor(test.events.length / 3);
    await produce(test.names, test.events.slice(0, third));
    test.store.down = true;
    const wentDown = performance.now();
    // Ingest keeps going into Kafka while the store is away.
    await produce(test.names, test.events.slice(third, 2 * third));
    await until(
      'the sink backing off',
      () => Promise.resolve(logger.count('kafka: storing a batch failed') >= 3 ? true : undefined),
      60_000,
    );
    // Unreachable for 30 s in all, as an operator's restart of ClickHouse might take.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, wentDown + OUTAGE_MS - performance.now())),
    );
    test.store.down = false;
    await produce(test.names, test.events.slice(2 * third));
    await expectExactlyOnce(test);
    expect(test.store.failures).toBeGreaterThanOrEqual(3);
    const delays = logger.lines
      .filter((l) => l.message.startsWith('kafka: storing a batch failed'))
      .map((l) => (l.details as { retryInMs: number }).retryInMs);
    // Backoff: the delays grow (per partition) up to the cap.
    expect(Math.max(...delays)).toBeGreaterThan(Math.min(...delays));
  });

  it('hands partitions over when a second consumer joins and leaves', async () => {
    const test = await setUp('rebalance');
    const first = test.sink();
    await first.sink.start();
    const third = Math.floor(test.events.length / 3);
    await produce(test.names, test.events.slice(0, third));
    const second = test.sink();
    await second.sink.start();
    await produce(test.names, test.events.slice(third, 2 * third));
    await until(
      'the second consumer storing a batch',
      () => Promise.resolve(second.logger.count('kafka: batch stored') > 0 ? true : undefined),
      60_000,
    );
    await second.sink.stop();
    await produce(test.names, test.events.slice(2 * third));
    await expectExactlyOnce(test);
    expect(first.logger.count('kafka: batch stored')).toBeGreaterThan(0);
  });
});
