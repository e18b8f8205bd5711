import { AssignerProtocol } from 'kafkajs';
import type { ReadinessAnswer } from '@mieruka/contracts';
import { KafkaReach } from '../../apps/api/src/health/kafka-reach';
import { KafkaSinkService } from '../../apps/api/src/pipeline/kafka-sink.service';
import { ensureKafka, type KafkaForTests } from '../support/kafka';
import { pipelineEnv, pipelineNames, testKafka } from '../support/kafka-pipeline';
import { freePort, until } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Readiness scaled out, on a real KRaft broker: the cluster answers and this instance's
 * consumer is a member of its group. Kept short; the pipeline's own faults are in
 * kafka-faults.test.ts.
 */
describe('GET /api/v1/ready with Kafka', () => {
  let broker: KafkaForTests | undefined;
  let app: TestApp | undefined;
  const names = pipelineNames('ready');

  beforeAll(async () => {
    broker = await ensureKafka();
    app = await startTestApp({
      at: '2026-11-24T10:00:00.000+09:00',
      env: pipelineEnv(broker.brokers, names),
    });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await broker?.stop();
  }, 120_000);

  it('is ready when the cluster answers and the consumer runs', async () => {
    const body = await until(
      'ready',
      async () => {
        const response = await fetch(`${app!.url}/api/v1/ready`);
        return response.status === 200 ? ((await response.json()) as ReadinessAnswer) : undefined;
      },
      30_000,
    );
    expect(body.details['kafka']).toEqual({ status: 'up', brokers: 1, consumer: 'running' });
  });

  it('runs MIERUKA_KAFKA_CONSUMERS members of the group (two by default), sharing the partitions', async () => {
    const admin = testKafka(broker!.brokers).admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([names.group]);
      const members = groups[0]?.members ?? [];
      expect(groups[0]?.state).toBe('Stable');
      expect(members.map((m) => m.clientId).sort()).toEqual(['mieruka-sink-1', 'mieruka-sink-2']);
      // The topic's three partitions, split between the two.
      const partitions = members.map(
        (m) =>
          AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[names.topic] ??
          [],
      );
      expect(partitions.map((p) => p.length).sort()).toEqual([1, 2]);
      expect(partitions.flat().sort()).toEqual([0, 1, 2]);
    } finally {
      await admin.disconnect();
    }
  });

  it('is not ready once its consumer has left the group', async () => {
    // What a consumer that crashed for good looks like from outside: not a member any more.
    await app!.app.get(KafkaSinkService).onModuleDestroy();
    const response = await fetch(`${app!.url}/api/v1/ready`);
    expect(response.status).toBe(503);
    expect((await response.json()) as ReadinessAnswer).toMatchObject({
      status: 'error',
      failing: ['kafka'],
      details: { kafka: { status: 'down', brokers: 1, consumer: 'stopped' } },
    });
  });

  it('tells a cluster it cannot reach at once, with the reason', async () => {
    const reach = new KafkaReach([`127.0.0.1:${await freePort()}`], 'mieruka-test-health');
    const started = performance.now();
    await expect(reach.describe()).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(performance.now() - started).toBeLessThan(10_000);
    await reach.close();
  });
});
