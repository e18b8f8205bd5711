import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { Ingestor } from '@mieruka/store';
import type { PipelineLogger } from './kafka-client';
import { KafkaSink } from './kafka-sink';

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
