import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel, type Admin, type Producer } from 'kafkajs';
import { defaultTenantSettings, parseEnv, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot, type Projection } from '@mieruka/kpi';
import { createSimulation } from '@mieruka/simulator';
import { EventStore, Ingestor, createStoreClient, migrate } from '@mieruka/store';
import { createKafka, type PipelineLogger } from '../apps/api/src/pipeline/kafka-client';
import { KafkaSink } from '../apps/api/src/pipeline/kafka-sink';
import { createPreparePool } from '../apps/api/src/pipeline/prepare-pool';
import { collectGarbage, perSecond, progress, type Row } from './report';

/**
 * Kafka → chDB through the real consumer (KafkaSink: validation, id check, insert with a
 * dedup token, the live fold on onStored, commits): sustained events/s from a full topic, and
 * end-to-end lag at a steady 5,000 events/s (produce → stored, produce → in the live
 * projection). A broker of its own (scripts/kafka-local.js) unless MIERUKA_KAFKA_BROKERS names one.
 */

const PARTITIONS = 6;

/**
 * Six tenants, one per partition. Events are keyed by tenant (one tenant's events keep their
 * order), and t0…t5 would hash three tenants onto partition 4: the run would measure that
 * one partition, not the pipeline. So the first names t0, t1, … that kafkajs's default
 * partitioner spreads one to a partition are taken.
 */
const TENANTS = ((): string[] => {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  const taken = new Map<number, string>();
  for (let i = 0; taken.size < PARTITIONS; i++) {
    const tenant = `t${i}`;
    const partition = partitioner({
      topic: 'bench',
      partitionMetadata,
      message: { key: tenant, value: null },
    });
    if (!taken.has(partition)) taken.set(partition, tenant);
  }
  return [...taken.values()];
})();
const SUSTAINED_EVENTS = 400_000;
const WARM_UP_EVENTS = 100_000;
const RATE = 5000;
const RATE_SECONDS = 15;
const DAY_MS = 86_400_000;
/** The simulated traffic's day, a Wednesday in Tokyo (the sustained run adds the Tuesday). */
const DAY = Date.parse('2026-11-25T00:00:00+09:00');
/** The receiving clock and the screens' "now": just after that day. */
const AFTER = DAY + DAY_MS;

const silent: PipelineLogger = {
  error: (details, message) => progress(`${message} ${JSON.stringify(details)}`),
  warn: (details, message) => progress(`${message} ${JSON.stringify(details)}`),
  info: () => undefined,
  debug: () => undefined,
};

interface KafkaLocal {
  start(options: object): Promise<{ brokers: string[]; pid: number }>;
  stop(options: object): Promise<boolean>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Broker {
  readonly brokers: string[];
  /** The broker's process when it is this bench's own (for its CPU time). */
  readonly pid?: number;
  stop(): Promise<void>;
}

async function broker(): Promise<Broker> {
  const given = (process.env.MIERUKA_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (given.length > 0) return { brokers: given, stop: () => Promise.resolve() };
  const local = createRequire(__filename)(
    join(__dirname, '..', '..', 'scripts', 'kafka-local.js'),
  ) as KafkaLocal;
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const options = { port, controllerPort, dataDir: mkdtempSync(join(tmpdir(), 'mieruka-bkafka-')) };
  const { brokers, pid } = await local.start(options);
  return {
    brokers,
    pid,
    stop: async () => {
      await local.stop(options);
      rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

/** Simulated traffic of six centres over `days`, ordered by time, `count` events from `start` on. */
function traffic(count: number, start: number, days = 1): CallEvent[] {
  const until = start + days * DAY_MS;
  const events = TENANTS.flatMap((tenant, i) =>
    createSimulation({
      seed: 100 + i,
      tenant,
      timezone: 'Asia/Tokyo',
      currency: 'JPY',
      start,
      rate: 6,
    }).advance(until),
  ).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  if (events.length < count) throw new Error(`only ${events.length} simulated events`);
  return events.slice(0, count);
}

async function produceAll(producer: Producer, topic: string, events: readonly CallEvent[]) {
  for (let i = 0; i < events.length; i += 2000) {
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(i, i + 2000).map((e) => ({ key: e.tenant, value: JSON.stringify(e) })),
    });
  }
}

async function createTopic(admin: Admin, topic: string): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
  });
}

/** CPU time (user + system) of a process so far in ms, from /proc; undefined where unreadable. */
function processCpuMs(pid: number): number | undefined {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command's closing ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times (100 on every common build). */
const CLOCK_TICKS_PER_SECOND = 100;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * A chDB store, an Ingestor folding into per-tenant projections, and the group members on
 * `topic` that one API instance runs by default (MIERUKA_KAFKA_CONSUMERS), their batches
 * prepared by `workers` worker threads (MIERUKA_KAFKA_WORKERS; 0: on the main thread).
 */
async function pipeline(brokers: string[], topic: string, at: () => number, workers = 0) {
  const prepare = createPreparePool(workers, (reason) => progress(`worker died: ${reason}`));
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-bkafka-store-'));
  const client = createStoreClient({ database: 'bench', dataDir });
  await migrate(client);
  const ingestor = new Ingestor({
    store: new EventStore(client),
    clock: at,
    currencyOf: () => 'JPY',
  });
  const projections = new Map<string, Projection>(
    TENANTS.map((t) => [t, createProjection(defaultTenantSettings(t))]),
  );
  const members = Array.from({ length: parseEnv({}).MIERUKA_KAFKA_CONSUMERS }, (_, i) => i + 1);
  const sinks = members.map(
    (member) =>
      new KafkaSink({
        kafka: createKafka({ brokers, clientId: `bench-sink-${member}` }, silent),
        ingestor,
        topic,
        groupId: `${topic}-group`,
        publishDeadLetters: () => Promise.resolve(),
        logger: silent,
        prepare,
      }),
  );
  return {
    ingestor,
    projections,
    start: () => Promise.all(sinks.map((sink) => sink.start())),
    members: sinks.length,
    close: async () => {
      await Promise.all(sinks.map((sink) => sink.stop()));
      await prepare?.close();
      await client.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Produces `rate` events/s for RATE_SECONDS in 50 ms ticks and times each event's way. */
async function lagAt(
  brokers: string[],
  admin: Admin,
  producer: Producer,
  rate: number,
  start: number,
): Promise<Row[]> {
  const steady = `bench-steady-${rate}-${randomUUID().slice(0, 8)}`;
  await createTopic(admin, steady);
  const events = traffic(rate * RATE_SECONDS, start);
  const producedAt = new Map<string, number>();
  const toStored: number[] = [];
  const toLive: number[] = [];
  const live = await pipeline(brokers, steady, () => AFTER);
  live.ingestor.onStored((batch) => {
    const storedAt = performance.now();
    for (const event of batch) evolve(live.projections.get(event.tenant)!, event);
    // What a screen would read next: the snapshot of each tenant the batch touched.
    for (const tenant of new Set(batch.map((e) => e.tenant))) {
      snapshot(live.projections.get(tenant)!, AFTER, 'tenant');
    }
    const liveAt = performance.now();
    for (const event of batch) {
      const sent = producedAt.get(event.id);
      if (sent === undefined) continue;
      toStored.push(Math.round(storedAt - sent));
      toLive.push(Math.round(liveAt - sent));
    }
  });
  await live.start();
  progress(`producing ${rate} events/s for ${RATE_SECONDS} s…`);
  const perTick = rate / 20;
  const t0 = performance.now();
  for (let tick = 0; tick * perTick < events.length; tick++) {
    const wait = t0 + tick * 50 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const slice = events.slice(tick * perTick, (tick + 1) * perTick);
    const now = performance.now();
    for (const event of slice) producedAt.set(event.id, now);
    await producer.send({
      topic: steady,
      acks: -1,
      messages: slice.map((e) => ({ key: e.tenant, value: JSON.stringify(e) })),
    });
  }
  const sentFor = performance.now() - t0;
  while (toLive.length < events.length) await new Promise((resolve) => setTimeout(resolve, 100));
  await live.close();
  toStored.sort((a, b) => a - b);
  toLive.sort((a, b) => a - b);
  const achieved = Math.round(events.length / (sentFor / 1000)).toLocaleString('en-US');
  const label = `${rate.toLocaleString('en-US')}/s`;
  return [
    [
      `lag produce → stored at ${label}`,
      `${events.length} events (${achieved}/s achieved)`,
      `p50 ${percentile(toStored, 50)} ms, p99 ${percentile(toStored, 99)} ms, max ${toStored.at(-1)} ms`,
    ],
    [
      `lag produce → live projection at ${label}`,
      'folded, then a snapshot read',
      `p50 ${percentile(toLive, 50)} ms, p99 ${percentile(toLive, 99)} ms, max ${toLive.at(-1)} ms`,
    ],
  ];
}

/** Consumes a topic already holding `count` events from the beginning; its rates as rows. */
async function sustainedRun(
  kafka: Broker,
  admin: Admin,
  producer: Producer,
  count: number,
  start: number,
  workers = 0,
): Promise<Row[]> {
  const full = `bench-full-${count}-${randomUUID().slice(0, 8)}`;
  await createTopic(admin, full);
  progress(`simulating and producing ${count} events…`);
  // Two days (Tuesday and Wednesday): at rate 6 they hold about 420k events.
  await produceAll(producer, full, traffic(count, start - DAY_MS, 2));
  const sustained = await pipeline(kafka.brokers, full, () => AFTER, workers);
  const how =
    workers === 0 ? 'prepared inline' : `${workers} prepare worker${workers > 1 ? 's' : ''}`;
  let stored = 0;
  let done: () => void = () => undefined;
  const allStored = new Promise<void>((resolve) => (done = resolve));
  // The first stored batch, how many it held and the CPU used so far: the steady part counts
  // from there.
  let first:
    | { at: bigint; events: number; cpu: NodeJS.CpuUsage; brokerCpuMs: number | undefined }
    | undefined;
  sustained.ingestor.onStored((events) => {
    for (const event of events) evolve(sustained.projections.get(event.tenant)!, event);
    first ??= {
      at: process.hrtime.bigint(),
      events: events.length,
      cpu: process.cpuUsage(),
      brokerCpuMs: kafka.pid === undefined ? undefined : processCpuMs(kafka.pid),
    };
    stored += events.length;
    if (stored >= count) done();
  });
  progress('consuming into chDB…');
  // The simulation's and the producer's garbage is not the consumer's to collect.
  collectGarbage();
  const began = process.hrtime.bigint();
  await sustained.start();
  await allStored;
  const ended = process.hrtime.bigint();
  const cpuEnd = process.cpuUsage();
  const brokerCpuEnd = kafka.pid === undefined ? undefined : processCpuMs(kafka.pid);
  await sustained.close();
  const ms = Number(ended - began) / 1e6;
  const rows: Row[] = [
    [
      `Kafka → chDB, ${how}, sustained (${PARTITIONS} partitions of one tenant each, ${sustained.members} consumers, from a full topic, after a warm-up run)`,
      `${count} events in ${ms.toFixed(0)} ms (join included)`,
      perSecond(count, ms),
    ],
  ];
  if (first) {
    const steadyMs = Number(ended - first.at) / 1e6;
    const steadyEvents = count - first.events;
    rows.push([
      `Kafka → chDB, ${how}, steady (after the first stored batch)`,
      `${steadyEvents} events in ${steadyMs.toFixed(0)} ms (join took ${(Number(first.at - began) / 1e6).toFixed(0)} ms)`,
      perSecond(steadyEvents, steadyMs),
    ]);
    // CPU per event, which a host's speed of the moment moves less than the rate: this
    // process (the consumer's main thread and chDB's threads) and the broker.
    const cpuMs = (cpuEnd.user - first.cpu.user + cpuEnd.system - first.cpu.system) / 1000;
    const brokerMs =
      brokerCpuEnd === undefined || first.brokerCpuMs === undefined
        ? undefined
        : brokerCpuEnd - first.brokerCpuMs;
    rows.push([
      `CPU per event stored, ${how}, steady part`,
      `consumer process ${cpuMs.toFixed(0)} ms${brokerMs === undefined ? '' : `, broker ${brokerMs.toFixed(0)} ms`} for ${steadyEvents} events`,
      `${((cpuMs * 1000) / steadyEvents).toFixed(1)} µs${brokerMs === undefined ? '' : ` + broker ${((brokerMs * 1000) / steadyEvents).toFixed(1)} µs`}`,
    ]);
  }
  return rows;
}

export async function kafkaBench(): Promise<Row[]> {
  const rows: Row[] = [];
  progress('starting a Kafka broker…');
  const kafka = await broker();
  const client = new Kafka({
    clientId: 'bench',
    brokers: kafka.brokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = client.admin();
  await admin.connect();
  const producer = client.producer({ idempotent: true, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const start = DAY;

    // 1. Sustained: a topic already holding the events, consumed from the beginning. First a
    // smaller run of its own (topic, group, store), so that the broker's JVM and this process
    // have compiled their hot paths: a broker runs for months, not for the 8 s measured here.
    progress(`warming up on ${WARM_UP_EVENTS} events…`);
    await sustainedRun(kafka, admin, producer, WARM_UP_EVENTS, start, 0);
    await sustainedRun(kafka, admin, producer, WARM_UP_EVENTS, start);
    // The batches prepared on the main thread (MIERUKA_KAFKA_WORKERS=0, the default) and by
    // one worker thread, side by side in one run, twice in turn.
    for (let round = 0; round < 2; round++) {
      for (const n of [0, 1]) {
        rows.push(...(await sustainedRun(kafka, admin, producer, SUSTAINED_EVENTS, start, n)));
      }
    }

    // 2. Lag at a steady rate: the target rate, and a lower one to show where the knee is.
    for (const rate of [RATE, 2000]) {
      rows.push(...(await lagAt(kafka.brokers, admin, producer, rate, start)));
    }
  } finally {
    await producer.disconnect();
    await admin.disconnect();
    await kafka.stop();
  }
  return rows;
}
