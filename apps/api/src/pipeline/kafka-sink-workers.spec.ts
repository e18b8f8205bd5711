import { Worker } from 'node:worker_threads';
import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { IngestResponse } from '@mieruka/contracts';
import { createSimulation } from '@mieruka/simulator';
import { EventStore, Ingestor, type EncodedRows } from '@mieruka/store';
import { openTestStore } from '@mieruka/store/testing';
import type { PipelineLogger } from './kafka-client';
import { KafkaSink, type DeadLetterMessage } from './kafka-sink';
import { createPreparePool, spawnPrepareWorker, type PreparePool } from './prepare-pool';
import { UNDECODABLE_HEADER } from './undecodable-batch';

/**
 * The same batches through the sink with its batches prepared inline (MIERUKA_KAFKA_WORKERS=0)
 * and in worker threads, into a real store (chDB): the same rows in the same order, the same
 * dead letters and dead-letter messages, the same answers and offsets — also when the worker
 * dies under the first batch, and for a message the store refuses (stored apart).
 */
const TOPIC = 'events';
const START = Date.parse('2026-11-24T09:00:00+09:00');
const AT = START + 3_600_000;
const REFUSED = 'refused-by-the-store';

const events = createSimulation({
  seed: 11,
  tenant: 'osaka',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  start: START,
  rate: 3,
}).advance(AT);

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Each partition's batches: events with the poison a topic can hold in between. */
function batches(): {
  partition: number;
  values: (Buffer | null)[];
  headers?: Record<string, string>;
}[] {
  const half = Math.floor(events.length / 2);
  return [
    {
      partition: 0,
      values: [
        ...events.slice(0, 40).map(json),
        Buffer.from('{"id":"broken'),
        null,
        Buffer.from([0xff, 0xfe]),
        json({ ...events[0], id: 'no-type', type: undefined }),
        json({ ...events[1], id: REFUSED }),
        ...events.slice(40, half).map(json),
      ],
    },
    // Another tenant (its currency asked for), and an id partition 0 already stored.
    {
      partition: 1,
      values: [
        json({ ...events[2], id: 'kyoto-1', tenant: 'kyoto' }),
        json(events[5]),
        ...events.slice(half).map(json),
      ],
    },
    {
      partition: 2,
      values: [json(events[3]), json(events[4])],
      headers: { [UNDECODABLE_HEADER]: 'lz4: bad frame' },
    },
    // Partition 0's first batch delivered again: every event a duplicate.
    { partition: 0, values: events.slice(0, 40).map(json) },
  ];
}

/** Refuses any insert holding REFUSED, as ClickHouse refuses a row it cannot take. */
class PickyStore extends EventStore {
  override insertEncoded(groups: readonly EncodedRows[], dedupToken?: string): Promise<void> {
    if (groups.some((g) => Buffer.from(g.rows.data).includes(REFUSED))) {
      return Promise.reject(new Error('Code: 53. DB::Exception: Type mismatch'));
    }
    return super.insertEncoded(groups, dedupToken);
  }
}

class StubConsumer {
  readonly events = { GROUP_JOIN: 'join', STOP: 'stop', COMMIT_OFFSETS: 'commit', CRASH: 'crash' };
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  on = () => undefined;
  connect = () => Promise.resolve();
  subscribe = () => Promise.resolve();
  disconnect = () => Promise.resolve();
  commitOffsets = () => Promise.resolve();
  run(options: { eachBatch: (payload: EachBatchPayload) => Promise<void> }): Promise<void> {
    this.eachBatch = options.eachBatch;
    return Promise.resolve();
  }
}

const quiet: PipelineLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

interface Outcome {
  rows: unknown[];
  seqsIncrease: boolean;
  deadLetters: unknown[];
  letters: DeadLetterMessage[];
  answers: IngestResponse[];
  resolved: string[];
}

/** Every batch through a sink (one at a time, so that the order is the test's), and what came of it. */
async function runThrough(prepare: PreparePool | undefined): Promise<Outcome> {
  const client = await openTestStore();
  try {
    const ingestor = new Ingestor({
      store: new PickyStore(client),
      clock: () => AT,
      currencyOf: () => 'JPY',
    });
    const answers: IngestResponse[] = [];
    const ingest = ingestor.ingest.bind(ingestor);
    const ingestPrepared = ingestor.ingestPrepared.bind(ingestor);
    ingestor.ingest = async (...args) => {
      answers.push(await ingest(...args));
      return answers.at(-1)!;
    };
    ingestor.ingestPrepared = async (...args) => {
      answers.push(await ingestPrepared(...args));
      return answers.at(-1)!;
    };
    const consumer = new StubConsumer();
    const letters: DeadLetterMessage[] = [];
    const sink = new KafkaSink({
      kafka: { consumer: () => consumer } as unknown as Kafka,
      ingestor,
      topic: TOPIC,
      groupId: 'group',
      publishDeadLetters: (messages) => {
        letters.push(...messages);
        return Promise.resolve();
      },
      logger: quiet,
      retry: { minMs: 1, maxMs: 1 },
      isolateAfter: 1,
      storeAnswers: () => Promise.resolve(true),
      prepare,
    });
    await sink.start();
    const resolved: string[] = [];
    for (const { partition, values, headers = {} } of batches()) {
      const messages: KafkaMessage[] = values.map((value, offset) => ({
        offset: String(100 + offset),
        timestamp: String(AT),
        key: Buffer.from('osaka'),
        value,
        headers,
        attributes: 0,
      }));
      await consumer.eachBatch!({
        batch: { topic: TOPIC, partition, messages, highWatermark: String(100 + values.length) },
        resolveOffset: (offset: string) => resolved.push(`${partition}:${offset}`),
        heartbeat: () => Promise.resolve(),
        pause: () => () => undefined,
      } as unknown as EachBatchPayload);
    }
    await sink.stop();

    const result = await client.client.query({
      query: `SELECT id, type, tenant, payload, received_at, ingest_source, ingest_seq
        FROM ${client.database}.events ORDER BY ingest_seq`,
      format: 'JSONEachRow',
    });
    const stored = await result.json<Record<string, unknown>>();
    const seqs = stored.map((r) => BigInt(String(r.ingest_seq)));
    const deadLetters = await new EventStore(client).listDeadLetters({ limit: 1000 });
    return {
      rows: stored.map(({ ingest_seq: _seq, ...row }) => row),
      seqsIncrease: seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!),
      deadLetters: deadLetters
        .map(({ id: _id, ...letter }) => letter)
        .sort((a, b) => a.reason.localeCompare(b.reason)),
      letters,
      answers,
      resolved,
    };
  } finally {
    await client.drop();
  }
}

describe('KafkaSink with its batches prepared in worker threads', () => {
  let inline: Outcome;
  beforeAll(async () => {
    inline = await runThrough(undefined);
  }, 120_000);

  it('stores and dead-letters what it does inline, poison and all', () => {
    // The baseline itself: every valid event once, each kind of poison with its reason.
    const ids = new Set(inline.rows.map((r) => (r as { id: string }).id));
    expect(ids.size).toBe(inline.rows.length);
    expect(inline.rows).toHaveLength(events.length + 1); // and kyoto-1
    expect(inline.seqsIncrease).toBe(true);
    // Each distinct: the store-apart halves that hold a reject file its dead letter again,
    // inline as in workers (group-commit.ts writes them before the insert that fails).
    const reasons = new Set(inline.deadLetters.map((d) => (d as { reason: string }).reason));
    expect([...reasons]).toEqual([
      'events/0@140: message: not valid JSON (Unterminated string in JSON at position 13)',
      'events/0@141: message: no value (a tombstone)',
      'events/0@142: message: not UTF-8 text (payload kept as base64)',
      'events/0@143: type: is required',
      'events/0@144: the store refused it: Code: 53. DB::Exception: Type mismatch',
      'events/2@100: batch could not be decompressed (lz4: bad frame)',
      'events/2@101: batch could not be decompressed (lz4: bad frame)',
    ]);
    expect(inline.letters.map((l) => l.headers['mieruka-origin'])).toEqual([
      'events/0@140',
      'events/0@141',
      'events/0@142',
      'events/0@143',
      'events/0@144',
      'events/2@100',
      'events/2@101',
    ]);
    expect(inline.answers.at(-1)).toMatchObject({ accepted: 0, duplicates: 40, rejected: 0 });
  });

  it.each([
    ['a worker', false],
    ['a worker that dies under the first batch', true],
  ])(
    'gives exactly the same results with %s',
    async (_name, firstDies) => {
      const crashes: string[] = [];
      let spawned = 0;
      const pool = createPreparePool(
        1,
        (reason) => crashes.push(reason),
        () =>
          spawned++ === 0 && firstDies
            ? new Worker('process.exit(3)', { eval: true })
            : spawnPrepareWorker(),
      )!;
      try {
        const inWorkers = await runThrough(pool);
        expect(inWorkers).toEqual(inline);
        // The worker did the work (after its replacement, when the first one died).
        expect(spawned).toBe(firstDies ? 2 : 1);
        expect(crashes).toEqual(firstDies ? [expect.stringMatching(/exit code 3/)] : []);
      } finally {
        await pool.close();
      }
    },
    120_000,
  );
});
