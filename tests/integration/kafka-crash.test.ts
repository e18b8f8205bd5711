/**
 * The consumer process (`npm start` with Kafka settings) killed with SIGKILL, again and again,
 * right after it stored a batch — before or while it commits the offsets — and restarted on
 * the same data folder. Afterwards every event produced is stored exactly once (no id in two
 * rows, even without FINAL) and the live numbers equal the SQL numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import type { CallEvent, LiveSnapshot } from '@mieruka/contracts';
import { processClock } from '../support/clock';
import { ensureKafka, type KafkaForTests } from '../support/kafka';
import {
  committedToEnd,
  createTopic,
  pipelineEnv,
  pipelineNames,
  simulatedEvents,
  testKafka,
  type PipelineNames,
  type StoredCounts,
} from '../support/kafka-pipeline';
import {
  freePort,
  healthy,
  repoRoot,
  startApiProcess,
  until,
  type ApiProcess,
} from '../support/processes';
import { ADMIN_PASSWORD, ADMIN_USER, login } from '../support/test-app';

jest.setTimeout(600_000);

const KILLS = 10;
const TENANTS = ['default', 'osaka'] as const;
const PER_TENANT = 6000;
/** Every consumer's clock: a Tuesday afternoon in Tokyo, after the simulated morning below. */
const CLOCK = processClock('2026-11-24T16:00:00+09:00');
const MORNING = {
  from: Date.parse('2026-11-24T00:00:00+09:00'),
  to: Date.parse('2026-11-24T16:00:00+09:00'),
};

interface StoredLine {
  readonly stored: number;
  readonly duplicates: number;
}

/** The consumer's "batch stored" log lines (pino JSON on stdout, debug level). */
function storedLines(output: string): StoredLine[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"kafka: batch stored"'))
    .map((line) => JSON.parse(line) as StoredLine);
}

describe('the consumer process killed between insert and commit', () => {
  let broker: KafkaForTests | undefined;
  let kafka: Kafka;
  let names: PipelineNames;
  let producer: Producer | undefined;
  let api: ApiProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-crash-'));

  beforeAll(async () => {
    broker = await ensureKafka();
    kafka = testKafka(broker.brokers);
    names = pipelineNames('crash');
    await createTopic(kafka, names.topic, 3);
    producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
    await producer.connect();
  }, 600_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await producer?.disconnect();
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  async function startConsumer(): Promise<{ api: ApiProcess; base: string }> {
    const port = await freePort();
    const started = startApiProcess({
      ...CLOCK.env,
      ...pipelineEnv(broker!.brokers, names),
      MIERUKA_KAFKA_SESSION_TIMEOUT_MS: '6000',
      // The built app with a prepare worker (off by default): its thread starts from dist/
      // and is killed with the process, the worker path's hardest case.
      MIERUKA_KAFKA_WORKERS: '1',
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_LOG_LEVEL: 'debug',
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_ADMIN_USER: ADMIN_USER,
      MIERUKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    api = started;
    const base = `http://127.0.0.1:${port}`;
    await healthy(base, started);
    return { api: started, base };
  }

  async function produce(events: readonly CallEvent[]): Promise<void> {
    // Small sends a little apart: the consumer sees many small batches, many kill points.
    for (let i = 0; i < events.length; i += 100) {
      await producer!.send({
        topic: names.topic,
        acks: -1,
        messages: events
          .slice(i, i + 100)
          .map((e) => ({ key: e.tenant, value: JSON.stringify(e) })),
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it(`loses and doubles nothing across ${KILLS} SIGKILLs at random points`, async () => {
    const events = TENANTS.flatMap((tenant, i) =>
      simulatedEvents({ tenant, seed: 20 + i, ...MORNING, count: PER_TENANT, rate: 4 }),
    ).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const slice = Math.ceil(events.length / (KILLS + 1));
    let output = '';

    for (let kill = 0; kill < KILLS; kill++) {
      const { api: consumer } = await startConsumer();
      const exited = new Promise((resolve) => consumer.child.once('exit', resolve));
      // The kill: after the n-th batch this run stored (its insert acknowledged) and a random
      // delay of up to 1 s; offsets are committed once a second, so some kills land before
      // the run's first commit, some after one, most with stored offsets not yet committed.
      const nth = 1 + Math.floor(Math.random() * 4);
      const killed = new Promise<void>((resolve) => {
        const onData = () => {
          if (storedLines(consumer.output()).length < nth) return;
          consumer.child.stdout?.off('data', onData);
          setTimeout(
            () => {
              consumer.child.kill('SIGKILL');
              resolve();
            },
            Math.floor(Math.random() * 1000),
          );
        };
        consumer.child.stdout?.on('data', onData);
      });
      await produce(events.slice(kill * slice, (kill + 1) * slice));
      await killed;
      await exited;
      output += consumer.output();
    }

    const { api: last, base } = await startConsumer();
    await produce(events.slice(KILLS * slice));
    await until(
      'every message committed',
      async () => ((await committedToEnd(kafka, names.topic, names.group)) ? true : undefined),
      240_000,
    );
    const session = await login(base, ADMIN_USER, ADMIN_PASSWORD);
    const live: Record<string, LiveSnapshot> = {};
    for (const tenant of TENANTS) {
      const response = await fetch(`${base}/api/v1/live?tenant=${tenant}`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      live[tenant] = (await response.json()) as LiveSnapshot;
    }
    await last.stop();
    output += last.output();

    // At least one kill came after an insert and before its commit: the batch came again
    // and its events were found already stored.
    const redelivered = storedLines(output).reduce((sum, line) => sum + line.duplicates, 0);
    expect(redelivered).toBeGreaterThan(0);

    const audit = spawnSync(
      process.execPath,
      ['-r', './scripts/register-aliases.js', 'tests/support/sql-audit-child.js'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          MIERUKA_DATA_DIR: dataDir,
          // Each tenant's SQL snapshot at the moment its live one was taken.
          AUDIT: JSON.stringify(TENANTS.map((t) => ({ tenant: t, at: Date.parse(live[t]!.at) }))),
        },
        encoding: 'utf8',
      },
    );
    expect(audit.stderr).toBe('');
    const sql = JSON.parse(audit.stdout) as {
      counts: StoredCounts;
      snapshots: Record<string, LiveSnapshot>;
    };
    expect(sql.counts).toEqual({ rows: events.length, ids: events.length, doubled: [] });
    for (const tenant of TENANTS) {
      expect({ tenant, snapshot: live[tenant] }).toEqual({
        tenant,
        snapshot: sql.snapshots[tenant],
      });
    }
  });
});
