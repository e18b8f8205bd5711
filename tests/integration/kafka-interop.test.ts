/**
 * The scaled mode against a producer nobody here wrote: Kafka's own Java console producer
 * sends canonical events keyed by tenant, one batch per codec Kafka has. Before the codecs
 * were registered, the first snappy batch crashed the consumer for good (issue 23). Also: a
 * topic whose `compression.type` recompresses everything, and a batch the store refuses.
 */
import type { CallEvent } from '@mieruka/contracts';
import { EventStore, type StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../../apps/api/src/store/store.module';
import { ensureKafka, type KafkaForTests } from '../support/kafka';
import { consoleProduce, storedCodecs } from '../support/kafka-java';
import {
  committedToEnd,
  pipelineEnv,
  pipelineNames,
  simulatedEvents,
  storedCounts,
  testKafka,
  type PipelineNames,
} from '../support/kafka-pipeline';
import { until } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const AT = Date.parse('2026-11-24T21:00:00+09:00');
const DAY = { from: Date.parse('2026-11-24T00:00:00+09:00'), to: AT };
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

const lines = (events: readonly CallEvent[]) =>
  events.map((event) => ({ key: event.tenant, value: JSON.stringify(event) }));

/** Distinct events of two tenants (two keys, so two partitions), `count` in all. */
function eventsFor(seed: number, count: number): CallEvent[] {
  const half = Math.ceil(count / 2);
  return [
    ...simulatedEvents({ tenant: 'default', seed, ...DAY, count: half }),
    ...simulatedEvents({ tenant: 'osaka', seed: seed + 100, ...DAY, count: count - half }),
  ];
}

describe("Kafka's Java console producer → the API's consumer → ClickHouse", () => {
  let broker: KafkaForTests | undefined;
  let app: TestApp | undefined;

  beforeAll(async () => {
    broker = await ensureKafka({ own: true }); // its files are read: the batches' codecs
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await broker?.stop();
  }, 120_000);

  async function startOn(names: PipelineNames): Promise<StoreClient> {
    await app?.close();
    app = await startTestApp({ at: AT, env: pipelineEnv(broker!.brokers, names) });
    return app.app.get<StoreClient>(STORE_CLIENT);
  }

  const allCommitted = (names: PipelineNames, what: string) =>
    until(
      what,
      async () =>
        (await committedToEnd(testKafka(broker!.brokers), names.topic, names.group))
          ? true
          : undefined,
      120_000,
    );

  it('stores every event of every codec once: none, gzip, snappy, lz4, zstd', async () => {
    const names = pipelineNames('interop');
    const store = await startOn(names);
    const batches = CODECS.map((codec, i) => ({ codec, events: eventsFor(10 + i, 35) }));
    for (const { codec, events } of batches) {
      await consoleProduce({
        brokers: broker!.brokers,
        topic: names.topic,
        codec,
        lines: lines(events),
      });
    }
    await allCommitted(names, 'every batch committed');

    const counts = await storedCounts(store);
    expect(counts).toEqual({ rows: 5 * 35, ids: 5 * 35, doubled: [] });
    // The broker kept each batch as it was sent: the consumer really met every codec.
    expect(new Set(await storedCodecs(broker!.dataDir!, names.topic))).toEqual(new Set(CODECS));
    const events = new EventStore(store);
    expect(await events.listDeadLetters({ limit: 10 })).toEqual([]);
  });

  it('stores a topic whose compression.type=zstd recompresses what producers send', async () => {
    const names = pipelineNames('interop-zstd');
    const admin = testKafka(broker!.brokers).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: names.topic,
            numPartitions: 3,
            replicationFactor: 1,
            configEntries: [{ name: 'compression.type', value: 'zstd' }],
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    const store = await startOn(names);
    const sent = (['none', 'snappy', 'gzip'] as const).map((codec, i) => ({
      codec,
      events: eventsFor(30 + i, 40),
    }));
    for (const { codec, events } of sent) {
      await consoleProduce({
        brokers: broker!.brokers,
        topic: names.topic,
        codec,
        lines: lines(events),
      });
    }
    await allCommitted(names, 'the zstd topic committed');
    expect(await storedCounts(store)).toEqual({ rows: 120, ids: 120, doubled: [] });
    expect(new Set(await storedCodecs(broker!.dataDir!, names.topic))).toEqual(new Set(['zstd']));
  });

  it('retries a batch the store refuses, says so, then dead-letters what it refuses alone and its invalid message, once each', async () => {
    const names = pipelineNames('interop-refused');
    const store = await startOn(names);
    const events = simulatedEvents({ tenant: 'default', seed: 77, ...DAY, count: 20 });
    const poison = events[12]!;
    // A real refusal by the real store: a constraint this one event breaks.
    await store.client.command({
      query: `ALTER TABLE ${store.database}.events ADD CONSTRAINT test_refuses CHECK id != '${poison.id}'`,
    });
    // And one message no retry makes valid, at offset 20: its letter is filed once, however
    // often the batch is retried and split.
    const invalid = { key: 'default', value: '{"id":"half-an-event"}' };
    await consoleProduce({
      brokers: broker!.brokers,
      topic: names.topic,
      codec: 'lz4',
      lines: [...lines(events), invalid],
    });

    // While it is retried, readiness names the partition and /metrics counts it.
    const retrying = await until(
      'readiness naming the retried partition',
      async () => {
        const body = (await (await fetch(`${app!.url}/api/v1/ready`)).json()) as {
          details: { kafka: { retrying?: { attempts: number; reason: string }[] } };
        };
        return body.details.kafka.retrying?.[0];
      },
      30_000,
    );
    expect(retrying.reason).toMatch(/test_refuses/);
    const metrics = await (await fetch(`${app!.url}/metrics`)).text();
    expect(metrics).toMatch(/^mieruka_kafka_partitions_retrying 1$/m);
    expect(metrics).toMatch(/^mieruka_kafka_batch_failures_total [1-9]/m);

    await allCommitted(names, 'the refused batch committed');
    const stored = new EventStore(store);
    expect(await stored.countEvents('default')).toBe(19);
    const letters = await stored.listDeadLetters({ limit: 50 });
    expect(letters).toHaveLength(2);
    const refused = letters.find((l) => l.reason.includes('@12:'));
    expect(refused?.reason).toMatch(
      new RegExp(`^${names.topic}/\\d+@12: the store refused it: .*test_refuses`),
    );
    expect(JSON.parse(refused!.payload)).toEqual(poison);
    const half = letters.find((l) => l.reason.includes('@20:'));
    expect(half?.payload).toBe(invalid.value);
    expect(half?.reason).toMatch(new RegExp(`^${names.topic}/\\d+@20: type: is required$`));
    const after = await (await fetch(`${app!.url}/metrics`)).text();
    expect(after).toMatch(/^mieruka_kafka_partitions_retrying 0$/m);
    expect(after).toMatch(/^mieruka_kafka_offsets_dead_lettered_total\{why="refused"\} 1$/m);

    // And the partition goes on.
    await store.client.command({
      query: `ALTER TABLE ${store.database}.events DROP CONSTRAINT test_refuses`,
    });
    const later = simulatedEvents({ tenant: 'default', seed: 78, ...DAY, count: 5 });
    await consoleProduce({
      brokers: broker!.brokers,
      topic: names.topic,
      codec: 'zstd',
      lines: lines(later),
    });
    await allCommitted(names, 'the next batch committed');
    expect(await stored.countEvents('default')).toBe(24);
  });
});
