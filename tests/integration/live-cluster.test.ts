import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
  type LiveSnapshot,
} from '@mieruka/contracts';
import { applyPatch } from '@mieruka/kpi';
import { processClock } from '../support/clock';
import { freePort, healthy, startApiProcess, until, type ApiProcess } from '../support/processes';
import { OwnRedis } from '../support/redis-server';
import { scenarioEvents } from '../support/scenarios';
import { ADMIN_PASSWORD, ADMIN_USER, TEST_KEY, login } from '../support/test-app';

type Client = Socket<LiveServerEvents, LiveClientEvents>;

/**
 * Two API processes behind one Redis (the machine's, on 127.0.0.1:6379), as behind a load
 * balancer: events ingested at A reach a screen connected to B, with the same numbers a
 * screen on A sees. Each process has its own embedded store here; in production they share a
 * ClickHouse server, which this test does not need (it checks the live path).
 */
jest.setTimeout(180_000);

const REDIS_URL = 'redis://127.0.0.1:6379';
/** Every instance's clock: a Tuesday morning in Tokyo, far from the day's boundaries. */
const CLOCK = processClock('2026-11-24T10:07:00+09:00');

/**
 * What the events decide, per window. (Agent-time ratios such as occupancy also grow with the
 * clock between two reads, so they are left out of the comparison.)
 */
function counts(snapshot: LiveSnapshot) {
  return Object.fromEntries(
    Object.entries(snapshot.windows).map(([name, w]) => [
      name,
      [
        w.offered,
        w.answered,
        w.abandoned,
        w.shortAbandoned,
        w.wrapped,
        w.orders,
        w.revenue,
        w.dispositions,
      ],
    ]),
  );
}

interface Instance {
  readonly api: ApiProcess;
  readonly base: string;
}

/**
 * Two instances on one Redis and stream, each with its own embedded store, sharing the
 * session secret (a session signed in at A is valid at B) and the first admin.
 */
async function startPair(redisUrl: string, stream: string, dataDirs: string[]) {
  const pair: Instance[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-cluster-'));
    dataDirs.push(dataDir);
    const api = startApiProcess({
      ...CLOCK.env,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_LOG_LEVEL: 'warn',
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_INGEST_KEYS: TEST_KEY,
      MIERUKA_REDIS_URL: redisUrl,
      MIERUKA_REDIS_STREAM: stream,
      MIERUKA_SESSION_SECRET: 'the-secret-both-instances-share-0123456789',
      MIERUKA_ADMIN_USER: ADMIN_USER,
      MIERUKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    pair.push({ api, base: `http://127.0.0.1:${port}` });
  }
  for (const { api, base } of pair) await healthy(base, api);
  return pair as [Instance, Instance];
}

/** The hand scenario's events moved to the instances' last minute, in today's windows. */
function recentEvents(): string {
  const now = CLOCK.now();
  return scenarioEvents('001-hand')
    .trimEnd()
    .split('\n')
    .map((line, i) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({
        ...event,
        id: `${String(event['id'])}-${now}`,
        occurredAt: new Date(now - 60_000 + i * 1000).toISOString(),
      });
    })
    .join('\n');
}

async function ingest(base: string, ndjson: string): Promise<void> {
  const response = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}` },
    body: ndjson,
  });
  expect(response.status).toBe(200);
}

async function liveAt(base: string, token: string): Promise<LiveSnapshot> {
  const response = await fetch(`${base}/api/v1/live`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as LiveSnapshot;
}

const clients: Client[] = [];
afterAll(() => {
  for (const client of clients) client.close();
});

/** A screen on one instance that keeps its snapshot current from the updates it receives. */
async function screen(base: string, token: string) {
  const client: Client = io(`${base}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token },
  });
  clients.push(client);
  const joined = (await client.timeout(5_000).emitWithAck('join', {})) as JoinAnswer;
  if (!joined.ok) throw new Error(joined.error);
  const state = { snapshot: joined.snapshot, seq: joined.seq, gaps: 0 };
  client.on('update', (update) => {
    if (update.seq !== state.seq + 1) state.gaps++;
    state.seq = update.seq;
    state.snapshot = applyPatch(state.snapshot, update.patch);
  });
  return state;
}

const offeredReaches = (state: { snapshot: LiveSnapshot }, offered: number, what: string) =>
  until(
    what,
    () => Promise.resolve(state.snapshot.windows.today.offered === offered ? true : undefined),
    15_000,
  );

describe('two API instances on real Redis', () => {
  const stream = `mieruka:test:${randomUUID()}`;
  const dataDirs: string[] = [];
  let pair: [Instance, Instance];

  beforeAll(async () => {
    pair = await startPair(REDIS_URL, stream, dataDirs);
  });

  afterAll(async () => {
    await Promise.all(pair.map(({ api }) => api.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(stream);
    await redis.quit();
  });

  it('delivers what A ingests to screens on A and on B, with the same numbers', async () => {
    const [a, b] = pair;
    const session = await login(a.base, ADMIN_USER, ADMIN_PASSWORD);
    const onA = await screen(a.base, session.accessToken);
    const onB = await screen(b.base, session.accessToken);
    expect(onB.snapshot.windows.today.offered).toBe(0);

    await ingest(a.base, recentEvents());
    const atA = await liveAt(a.base, session.accessToken);
    expect(atA.windows.today.offered).toBeGreaterThan(0);
    await offeredReaches(onB, atA.windows.today.offered, 'the update on B');
    await offeredReaches(onA, atA.windows.today.offered, 'the update on A');
    // B's own projection folded A's events: its windows agree with A's, value for value,
    // and each screen got one gap-free sequence (its own instance's).
    const atB = await liveAt(b.base, session.accessToken);
    expect(counts(atB)).toEqual(counts(atA));
    expect(counts(onB.snapshot)).toEqual(counts(atB));
    expect(counts(onA.snapshot)).toEqual(counts(atA));
    expect([onA.gaps, onB.gaps]).toEqual([0, 0]);
  });
});

describe('two API instances through a Redis outage', () => {
  const dataDirs: string[] = [];
  let redis: OwnRedis;
  let pair: [Instance, Instance];

  beforeAll(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    pair = await startPair(redis.url, 'mieruka:live', dataDirs);
  });

  afterAll(async () => {
    try {
      await Promise.all(pair.map(({ api }) => api.stop()));
    } finally {
      await redis.stop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps ingesting while Redis is down, and the other instance catches up when it is back', async () => {
    const [a, b] = pair;
    const session = await login(a.base, ADMIN_USER, ADMIN_PASSWORD);
    const onB = await screen(b.base, session.accessToken);

    await redis.stop();
    await ingest(a.base, recentEvents()); // stored and acknowledged: Redis is not in that path
    const atA = await liveAt(a.base, session.accessToken);
    expect(atA.windows.today.offered).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(onB.snapshot.windows.today.offered).toBe(0);

    await redis.start();
    await offeredReaches(onB, atA.windows.today.offered, 'the update on B after the outage');
    expect(counts(await liveAt(b.base, session.accessToken))).toEqual(counts(atA));
  });
});
