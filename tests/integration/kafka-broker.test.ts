/**
 * Smoke test of the real broker (tests/support/kafka.ts): the guarantees the pipeline builds on
 * (idempotent producer with acks=all, per-key order within a partition, consumer groups with
 * committed offsets) hold against it with kafkajs.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { ensureKafka, type KafkaForTests } from '../support/kafka';

const KEYS = 20;
const PER_KEY = 50; // 1,000 messages in all
const TOTAL = KEYS * PER_KEY;

interface Received {
  key: string;
  seq: number;
  partition: number;
  offset: string;
}

describe('local Kafka broker', () => {
  let kafka: KafkaForTests | undefined;
  let client: Kafka;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    kafka = await ensureKafka();
    client = new Kafka({
      clientId: 'mieruka-smoke',
      brokers: kafka.brokers,
      logLevel: logLevel.NOTHING,
    });
  }, 600_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await kafka?.stop();
  }, 60_000);

  it('delivers 1,000 keyed messages once each, in order per key, to a consumer group', async () => {
    const topic = `smoke-${randomUUID()}`;
    const groupId = `${topic}-group`;
    const admin = client.admin();
    await admin.connect();
    try {
      await expect(
        admin.createTopics({
          topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
          waitForLeaders: true,
        }),
      ).resolves.toBe(true);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0]?.partitions).toHaveLength(3);

      producer = client.producer({
        idempotent: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      // Interleaved keys, 100 messages a request: each key's sequence spans several requests.
      const messages = Array.from({ length: TOTAL }, (_, i) => ({
        key: `agent-${i % KEYS}`,
        value: JSON.stringify({ seq: Math.floor(i / KEYS) }),
      }));
      for (let i = 0; i < TOTAL; i += 100) {
        const written = await producer.send({
          topic,
          acks: -1,
          messages: messages.slice(i, i + 100),
        });
        expect(written.every((meta) => meta.errorCode === 0)).toBe(true);
      }

      const received: Received[] = [];
      let allIn: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (allIn = resolve));
      consumer = client.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          const { seq } = JSON.parse(message.value!.toString()) as { seq: number };
          received.push({ key: message.key!.toString(), seq, partition, offset: message.offset });
          if (received.length >= TOTAL) allIn();
          return Promise.resolve();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        done,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`only ${received.length} of ${TOTAL} consumed`)),
            90_000,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      const group = await admin.describeGroups([groupId]);
      expect(group.groups[0]).toMatchObject({ state: 'Stable' });
      expect(group.groups[0]?.members).toHaveLength(1);
      // stop() commits what was consumed; give a duplicate the chance to show up before that.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await consumer.disconnect();
      consumer = undefined;

      expect(received).toHaveLength(TOTAL);
      expect(new Set(received.map((r) => `${r.partition}:${r.offset}`)).size).toBe(TOTAL);
      const byKey = new Map<string, Received[]>();
      for (const r of received) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
      expect(byKey.size).toBe(KEYS);
      for (const [key, list] of byKey) {
        expect({ key, seqs: list.map((r) => r.seq) }).toEqual({
          key,
          seqs: Array.from({ length: PER_KEY }, (_, i) => i),
        });
        expect(new Set(list.map((r) => r.partition)).size).toBe(1);
      }
      expect(new Set(received.map((r) => r.partition))).toEqual(new Set([0, 1, 2]));

      // The log holds each message once (no retried duplicates) and the group committed it all.
      const sum = (offsets: string[]): number =>
        offsets.reduce((total, offset) => total + Number(offset), 0);
      const log = await admin.fetchTopicOffsets(topic);
      expect(sum(log.map((p) => p.high))).toBe(TOTAL);
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(sum((committed[0]?.partitions ?? []).map((p) => p.offset))).toBe(TOTAL);
    } finally {
      await admin.disconnect();
    }
  }, 240_000);
});
