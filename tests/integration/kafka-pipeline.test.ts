/**
 * The scaled-out path end to end, in one process on a real broker: HTTP ingest publishes to
 * Kafka, the API's own consumer stores into ClickHouse (chDB) and folds into the live
 * projection. 50,000 events arrive exactly once; poison messages are dead-lettered with
 * readable reasons and do not hold up their partition.
 */
import type { Kafka } from 'kafkajs';
import type { CallEvent, IngestResponse, Scope } from '@mieruka/contracts';
import { EventStore, computeSqlSnapshot, type StoreClient } from '@mieruka/store';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { LiveProjections } from '../../apps/api/src/live/live-projections';
import { STORE_CLIENT } from '../../apps/api/src/store/store.module';
import { ensureKafka, type KafkaForTests } from '../support/kafka';
import {
  committedToEnd,
  pipelineEnv,
  pipelineNames,
  simulatedEvents,
  storedCounts,
  testKafka,
  toNdjson,
  type PipelineNames,
} from '../support/kafka-pipeline';
import { until } from '../support/processes';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const AT = Date.parse('2026-11-24T21:00:00+09:00');
/** The simulated traffic: that Tuesday in Tokyo, from midnight up to AT. */
const DAY = { from: Date.parse('2026-11-24T00:00:00+09:00'), to: AT };

describe('HTTP → Kafka → ClickHouse and the live projection, in one API', () => {
  let broker: KafkaForTests | undefined;
  let app: TestApp | undefined;
  let kafka: Kafka;
  let names: PipelineNames;
  let store: StoreClient;

  beforeAll(async () => {
    broker = await ensureKafka();
    kafka = testKafka(broker.brokers);
    names = pipelineNames('pipeline');
    app = await startTestApp({ at: AT, env: pipelineEnv(broker.brokers, names) });
    store = app.app.get<StoreClient>(STORE_CLIENT);
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await broker?.stop();
  }, 120_000);

  async function post(events: readonly CallEvent[]): Promise<IngestResponse> {
    const response = await fetch(`${app!.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: toNdjson(events),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as IngestResponse;
  }

  const allCommitted = (what: string) =>
    until(
      what,
      async () => ((await committedToEnd(kafka, names.topic, names.group)) ? true : undefined),
      240_000,
    );

  it('stores 50,000 events sent over HTTP exactly once; live numbers equal SQL', async () => {
    const events = [
      ...simulatedEvents({ tenant: 'default', seed: 1, ...DAY, count: 30_000, rate: 3 }),
      ...simulatedEvents({ tenant: 'osaka', seed: 2, ...DAY, count: 20_000, rate: 3 }),
    ];
    let accepted = 0;
    for (let i = 0; i < events.length; i += 5000) {
      const answer = await post(events.slice(i, i + 5000));
      expect(answer).toMatchObject({ duplicates: 0, rejected: 0 });
      accepted += answer.accepted;
    }
    expect(accepted).toBe(50_000);
    // A resend of stored ids is `accepted` at the edge (queued) and absorbed by the consumer.
    expect(await post(events.slice(0, 500))).toMatchObject({ accepted: 500, duplicates: 0 });

    await allCommitted('the consumer group committing every message');
    // Without FINAL: not one id in two rows, so nothing relied on a merge to hide a copy.
    expect(await storedCounts(store)).toEqual({ rows: 50_000, ids: 50_000, doubled: [] });
    const stored = new Set<string>();
    for await (const event of new EventStore(store).readEvents()) stored.add(event.id);
    expect(events.filter((e) => !stored.has(e.id))).toEqual([]);

    const live = app!.app.get(LiveProjections);
    const tenants = app!.app.get(TenantDirectory);
    const scopes: Scope[] = ['tenant', 'team:blue', 'queue:support'];
    for (const tenant of ['default', 'osaka']) {
      for (const scope of scopes) {
        const sql = await computeSqlSnapshot(store, {
          settings: tenants.get(tenant),
          at: AT,
          scope,
        });
        expect({ tenant, scope, snapshot: live.snapshot(tenant, scope) }).toEqual({
          tenant,
          scope,
          snapshot: sql,
        });
      }
      expect(live.snapshot(tenant, 'tenant').windows.today.offered).toBeGreaterThan(0);
    }

    // The metrics tell an operator the consumer has caught up, and how fresh it was.
    const metrics = await (await fetch(`${app!.url}/metrics`)).text();
    const lags = metrics.split('\n').filter((l) => l.startsWith('mieruka_kafka_consumer_lag{'));
    expect(lags.length).toBeGreaterThan(0);
    expect(lags.map((l) => Number(l.split(' ')[1]))).toEqual(lags.map(() => 0));
    expect(metrics).toMatch(/^mieruka_kafka_delivery_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^mieruka_store_insert_seconds_count\{transport="kafka"\} [1-9]/m);
  });

  it('dead-letters poison messages with readable reasons and keeps the partition going', async () => {
    const good = simulatedEvents({ tenant: 'poison', seed: 3, ...DAY, count: 20 });
    const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
    await producer.connect();
    try {
      // One key, so one partition: the good events after the poison must still be stored.
      const key = 'poison';
      await producer.send({
        topic: names.topic,
        acks: -1,
        messages: [
          ...good.slice(0, 10).map((e) => ({ key, value: JSON.stringify(e) })),
          { key, value: '{"id": "p-1", "tenant": "poison", ' },
          { key, value: JSON.stringify({ id: 'p-2', tenant: 'poison', type: 'call.bogus' }) },
          { key, value: null },
          ...good.slice(10).map((e) => ({ key, value: JSON.stringify(e) })),
        ],
      });
    } finally {
      await producer.disconnect();
    }
    await allCommitted('the poison batch being committed');

    const events = new EventStore(store);
    expect(await events.countEvents('poison')).toBe(20);
    const letters = (await events.listDeadLetters({ limit: 100 })).filter(
      (l) => l.source === 'kafka',
    );
    // In the order they were sent: by offset.
    const offsetOf = (reason: string) => Number(/@(\d+):/.exec(reason)?.[1]);
    const reasons = letters.map((l) => l.reason).sort((a, b) => offsetOf(a) - offsetOf(b));
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(
      new RegExp(`^${names.topic}/\\d+@\\d+: message: not valid JSON \\(.+\\)$`),
    );
    expect(reasons[1]).toMatch(/@\d+: type: /);
    expect(reasons[2]).toMatch(/@\d+: message: no value \(a tombstone\)$/);
    expect(letters.find((l) => l.reason.includes('not valid JSON'))?.payload).toBe(
      '{"id": "p-1", "tenant": "poison", ',
    );

    // The same three on the dead-letter topic, each with its reason and origin as headers.
    const seen: { reason: string; origin: string }[] = [];
    const reader = kafka.consumer({ groupId: `${names.group}-dlq-reader` });
    await reader.connect();
    try {
      await reader.subscribe({ topic: names.dlqTopic, fromBeginning: true });
      await reader.run({
        eachMessage: ({ message }) => {
          seen.push({
            reason: String(message.headers?.['mieruka-reason']),
            origin: String(message.headers?.['mieruka-origin']),
          });
          return Promise.resolve();
        },
      });
      await until(
        'three dead letters on the topic',
        () => Promise.resolve(seen.length >= 3 ? true : undefined),
        60_000,
      );
    } finally {
      await reader.disconnect();
    }
    expect(seen.map((s) => `${s.origin}: ${s.reason}`)).toEqual(reasons);
  });
});
