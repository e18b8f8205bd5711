import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { BatchItem, IngestResponse, IngestResult } from '@mieruka/contracts';
import type { Ingestor } from '@mieruka/store';
import type { PipelineLogger } from './kafka-client';
import { KafkaSink, type DeadLetterMessage } from './kafka-sink';
import { UNDECODABLE_HEADER } from './undecodable-batch';

/**
 * The sink's commits against a stand-in consumer (the real broker's faults are in
 * tests/integration/kafka-faults.test.ts): kafkajs's `commitOffsets` may resolve without
 * committing — while the consumer restarts itself — so an offset stays pending until kafkajs
 * reports the commit (COMMIT_OFFSETS), and goes out again on the next tick.
 */
const TOPIC = 'events';

class StubConsumer {
  readonly events = { GROUP_JOIN: 'join', STOP: 'stop', COMMIT_OFFSETS: 'commit', CRASH: 'crash' };
  readonly listeners = new Map<string, (event: { payload: unknown }) => void>();
  readonly commits: { partition: number; offset: string }[][] = [];
  /** Whether kafkajs "really" commits (and reports it) or resolves having done nothing. */
  committing = false;
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;

  on(event: string, listener: (event: { payload: unknown }) => void): void {
    this.listeners.set(event, listener);
  }
  connect = () => Promise.resolve();
  subscribe = () => Promise.resolve();
  disconnect = () => Promise.resolve();
  run(options: { eachBatch: (payload: EachBatchPayload) => Promise<void> }): Promise<void> {
    this.eachBatch = options.eachBatch;
    return Promise.resolve();
  }
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void> {
    this.commits.push(offsets.map(({ partition, offset }) => ({ partition, offset })));
    if (this.committing) {
      this.listeners.get('commit')?.({
        payload: { topics: [{ topic: TOPIC, partitions: offsets }] },
      });
    }
    return Promise.resolve();
  }
}

const quiet: PipelineLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
};

function batchOf(partition: number, first: number, last: number): EachBatchPayload {
  const messages = [];
  for (let offset = first; offset <= last; offset++) {
    messages.push({ offset: String(offset), value: Buffer.from('{}'), key: null, headers: {} });
  }
  return {
    batch: { topic: TOPIC, partition, messages, highWatermark: String(last + 1) },
    resolveOffset: () => undefined,
    heartbeat: () => Promise.resolve(),
    pause: () => () => undefined,
  } as unknown as EachBatchPayload;
}

describe('KafkaSink commits', () => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });

  it('keeps an offset until kafkajs reports it committed, and sends it again until then', async () => {
    const consumer = new StubConsumer();
    const sink = new KafkaSink({
      kafka: { consumer: () => consumer } as unknown as Kafka,
      ingestor: {
        ingest: () => Promise.resolve({ accepted: 1, duplicates: 0, rejected: 0, results: [] }),
      } as unknown as Ingestor,
      topic: TOPIC,
      groupId: 'group',
      publishDeadLetters: () => Promise.resolve(),
      logger: quiet,
      commitIntervalMs: 1000,
    });
    await sink.start();
    await consumer.eachBatch!(batchOf(0, 10, 19));

    // The consumer is rejoining: the commit resolves, but nothing was committed.
    await jest.advanceTimersByTimeAsync(1000);
    expect(consumer.commits).toEqual([[{ partition: 0, offset: '20' }]]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(consumer.commits).toHaveLength(2); // sent again, not forgotten

    // Back in the group: this one is reported, and then nothing is pending.
    consumer.committing = true;
    await jest.advanceTimersByTimeAsync(1000);
    expect(consumer.commits).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(3000);
    expect(consumer.commits).toHaveLength(3);

    // A newer batch is pending again, at its own end.
    await consumer.eachBatch!(batchOf(0, 20, 24));
    await jest.advanceTimersByTimeAsync(1000);
    expect(consumer.commits.at(-1)).toEqual([{ partition: 0, offset: '25' }]);
    await sink.stop();
  });
});

/** A stand-in Ingestor over real items: refuses any insert holding the event `poison`. */
class PickyIngestor {
  readonly stored: string[] = [];
  readonly deadLetters: { text: string; reason: string }[] = [];
  attempts = 0;

  ingest(items: BatchItem[]): Promise<IngestResponse> {
    this.attempts++;
    const ids = items.map((item) =>
      item.kind === 'value' ? (item.value as { id: string }).id : undefined,
    );
    if (ids.includes('poison')) {
      return Promise.reject(new Error('Code: 53. DB::Exception: Type mismatch'));
    }
    const results: IngestResult[] = items.map((item, index) => {
      if (item.kind === 'value') {
        this.stored.push((item.value as { id: string }).id);
        return { index, status: 'accepted', id: ids[index]! };
      }
      const reason = item.kind === 'unparsable' ? item.reason : '?';
      this.deadLetters.push({ text: item.kind === 'unparsable' ? item.text : '', reason });
      return { index, status: 'rejected', reason };
    });
    const rejected = results.filter((r) => r.status === 'rejected').length;
    return Promise.resolve({ accepted: items.length - rejected, duplicates: 0, rejected, results });
  }
}

function eventsBatch(
  ids: string[],
  headers: Record<string, string> = {},
): EachBatchPayload & { resolved: string[] } {
  const resolved: string[] = [];
  return {
    resolved,
    batch: {
      topic: TOPIC,
      partition: 3,
      highWatermark: String(ids.length),
      messages: ids.map((id, offset) => ({
        offset: String(offset),
        timestamp: '0',
        key: null,
        value: Buffer.from(JSON.stringify({ id })),
        headers,
      })),
    },
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: () => Promise.resolve(),
    pause: () => () => undefined,
  } as unknown as EachBatchPayload & { resolved: string[] };
}

describe('KafkaSink and a batch that cannot be stored', () => {
  const ids = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'poison', 'e7', 'e8', 'e9'];

  async function sinkWith(storeAnswers: boolean) {
    const consumer = new StubConsumer();
    const ingestor = new PickyIngestor();
    const letters: DeadLetterMessage[] = [];
    const deadLettered: [string, number][] = [];
    const sink = new KafkaSink({
      kafka: { consumer: () => consumer } as unknown as Kafka,
      ingestor: ingestor as unknown as Ingestor,
      topic: TOPIC,
      groupId: 'group',
      publishDeadLetters: (messages) => {
        letters.push(...messages);
        return Promise.resolve();
      },
      logger: quiet,
      retry: { minMs: 1, maxMs: 1 },
      isolateAfter: 3,
      storeAnswers: () => Promise.resolve(storeAnswers),
      onOffsetsDeadLettered: (why, count) => deadLettered.push([why, count]),
    });
    await sink.start();
    return { consumer, ingestor, letters, deadLettered, sink };
  }

  it('is retried, then stored apart while the store answers: only the refused message is dead-lettered', async () => {
    const { consumer, ingestor, letters, deadLettered, sink } = await sinkWith(true);
    const batch = eventsBatch(ids);
    await consumer.eachBatch!(batch);
    await consumer.eachBatch!(batch);
    expect(sink.retrying).toEqual([
      { partition: 3, attempts: 2, reason: 'Code: 53. DB::Exception: Type mismatch' },
    ]);
    expect(batch.resolved).toEqual([]);

    await consumer.eachBatch!(batch); // the third attempt: the store answers, so the batch is at fault
    expect([...ingestor.stored].sort()).toEqual(ids.filter((id) => id !== 'poison').sort());
    expect(ingestor.deadLetters).toEqual([
      {
        text: '{"id":"poison"}',
        reason: 'the store refused it: Code: 53. DB::Exception: Type mismatch',
      },
    ]);
    expect(letters.map((l) => String(l.headers['mieruka-origin']))).toEqual(['events/3@6']);
    expect(deadLettered).toEqual([['refused', 1]]);
    expect(batch.resolved).toEqual(['9']);
    expect(sink.retrying).toEqual([]);
    await sink.stop();
  });

  it('waits for a store that does not answer, however long: nothing is dead-lettered', async () => {
    const { consumer, ingestor, letters, sink } = await sinkWith(false);
    const batch = eventsBatch(ids);
    for (let i = 0; i < 8; i++) await consumer.eachBatch!(batch);
    expect(ingestor.stored).toEqual([]);
    expect(ingestor.deadLetters).toEqual([]);
    expect(letters).toEqual([]);
    expect(batch.resolved).toEqual([]);
    expect(sink.retrying[0]?.attempts).toBe(8);
    await sink.stop();
  });

  it('dead-letters the stand-ins of an undecodable batch, every offset, with the reason', async () => {
    const { consumer, ingestor, deadLettered, sink } = await sinkWith(true);
    const batch = eventsBatch(['x', 'y'], { [UNDECODABLE_HEADER]: 'lz4: bad frame' });
    await consumer.eachBatch!(batch);
    expect(ingestor.deadLetters.map((d) => d.reason)).toEqual([
      'batch could not be decompressed (lz4: bad frame)',
      'batch could not be decompressed (lz4: bad frame)',
    ]);
    expect(deadLettered).toEqual([['undecodable', 2]]);
    expect(batch.resolved).toEqual(['1']);
    await sink.stop();
  });
});
