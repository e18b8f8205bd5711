import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { testDatabaseName } from '@mieruka/store/testing';
import { UsersService } from '../../apps/api/src/auth/users.service';
import { LimitsRedis } from '../../apps/api/src/limits/limits-redis';
import { RedisAttempts } from '../../apps/api/src/limits/redis-attempts';
import { RedisThrottlerStorage } from '../../apps/api/src/limits/redis-throttler-storage';
import { until } from '../support/processes';
import { OwnRedis } from '../support/redis-server';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Limits across instances: two API instances (each its own Nest app, Redis client and
 * throttler storage) on the machine's Redis share one count per client, so a client
 * cannot multiply its budget by the number of instances behind the load balancer. Each
 * test run uses a key prefix of its own (MIERUKA_REDIS_STREAM) and removes its keys.
 */
jest.setTimeout(120_000);

const REDIS_URL = 'redis://127.0.0.1:6379';
const AT = '2026-11-24T10:00:00.000+09:00';
const WINDOW_SECONDS = 3;
const PASSWORD = 'a-long-enough-password';

const limits = {
  MIERUKA_TRUST_PROXY: '1',
  MIERUKA_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
  MIERUKA_RATE_LIMIT_PER_IP: '4',
  MIERUKA_LOGIN_MAX_FAILURES: '2',
};

const get = (app: TestApp, from: string) =>
  fetch(`${app.url}/api/v1/live`, { headers: { 'x-forwarded-for': from } });

const signIn = (app: TestApp, from: string, password: string) =>
  fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'x-forwarded-for': from, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sato', password }),
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every key under `prefix`, to look at and to remove. */
async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const redis = createClient({ url });
  await redis.connect();
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
      keys.push(...batch);
    return keys;
  } finally {
    await redis.quit();
  }
}

async function removeKeys(url: string, prefix: string): Promise<void> {
  const keys = await keysUnder(url, prefix);
  if (keys.length === 0) return;
  const redis = createClient({ url });
  await redis.connect();
  await redis.del(keys);
  await redis.quit();
}

describe('the counts in Redis, one script call each', () => {
  const prefix = `mieruka:test:${randomUUID()}:limits:`;
  const warnings: object[] = [];
  let redis: LimitsRedis;

  beforeAll(async () => {
    redis = await LimitsRedis.connect(REDIS_URL, prefix, {
      warn: (details) => warnings.push(details),
    });
  });
  afterAll(async () => {
    await redis.onApplicationShutdown();
    await removeKeys(REDIS_URL, prefix);
  });

  it('count a window, block past the limit for the block duration, then start afresh', async () => {
    const storage = new RedisThrottlerStorage(redis);
    const hit = () => storage.increment('address:198.51.100.1', 1_000, 2, 3_000, 'address');
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 1,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toEqual({
      totalHits: 3,
      timeToExpire: 1,
      isBlocked: true,
      timeToBlockExpire: 3,
    });
    // Blocked for the block duration (3 s), even after the window (1 s) has passed…
    await sleep(1_200);
    expect(await hit()).toMatchObject({ isBlocked: true });
    // …and counting afresh after it.
    await sleep(2_000);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(warnings).toEqual([]);
  });

  it('count sign-in attempts in a window that starts with the first, until cleared', async () => {
    const attempts = new RedisAttempts(redis);
    expect(await attempts.count('pair-1', 60_000)).toEqual({ attempts: 1, resetInMs: 60_000 });
    const second = await attempts.count('pair-1', 60_000);
    expect(second.attempts).toBe(2);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
    expect(second.resetInMs).toBeGreaterThan(55_000);
    await attempts.clear('pair-1');
    expect((await attempts.count('pair-1', 60_000)).attempts).toBe(1);
    // Every count has its expiry: nothing can lock a pair out for ever.
    const keys = await keysUnder(REDIS_URL, `${prefix}attempts:`);
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    for (const key of keys) expect(await admin.pTTL(key)).toBeGreaterThan(0);
    await admin.quit();
    expect(keys).toHaveLength(1);
  });
});

describe('two instances on one Redis', () => {
  const stream = `mieruka:test:${randomUUID()}`;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // One database, as instances share one ClickHouse: a user added at A signs in at B.
    const env = {
      ...limits,
      MIERUKA_REDIS_URL: REDIS_URL,
      MIERUKA_REDIS_STREAM: stream,
      MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName(),
    };
    a = await startTestApp({ at: AT, env });
    b = await startTestApp({ at: AT, env });
    await a.app
      .get(UsersService)
      .addUser({ username: 'sato', password: PASSWORD, tenant: 'default', role: 'manager' });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await removeKeys(REDIS_URL, stream);
  });

  it('share one request count per client, and recover together', async () => {
    const from = '203.0.113.10';
    const answers = [
      await get(a, from),
      await get(b, from),
      await get(a, from),
      await get(b, from),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    // The fifth request, at either instance, is over the client's limit of 4.
    const refused = await get(a, from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect((await get(b, from)).status).toBe(429);
    // Another client still has its own budget.
    expect((await get(b, '203.0.113.11')).status).toBe(401);

    // The counts live in Redis, under this deployment's prefix, and expire by themselves.
    const keys = await keysUnder(REDIS_URL, `${stream}:limits:`);
    expect(keys).toContain(`${stream}:limits:{address:address:${from}}:block`);

    await sleep(retryAfter * 1000 + 200);
    expect((await get(b, from)).status).toBe(401);
    expect((await get(a, from)).status).toBe(401);
  });

  it('share sign-in failures: guesses spread over instances wait all the same', async () => {
    const guesser = '203.0.113.50';
    expect((await signIn(a, guesser, 'wrong-password-123')).status).toBe(401);
    expect((await signIn(b, guesser, 'wrong-password-123')).status).toBe(401);
    const refused = await signIn(a, guesser, PASSWORD);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await signIn(b, guesser, PASSWORD)).status).toBe(429);
    // The real user, elsewhere, is not locked out.
    expect((await signIn(b, '198.51.100.7', PASSWORD)).status).toBe(200);
  });
});

describe('an instance whose Redis goes away', () => {
  let redis: OwnRedis;
  let app: TestApp;

  beforeAll(async () => {
    redis = await OwnRedis.onFreePort();
    await redis.start();
    app = await startTestApp({ at: AT, env: { ...limits, MIERUKA_REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    try {
      await app.close();
    } finally {
      await redis.stop();
    }
  });

  it('keeps answering, and keeps limiting on its own, until Redis is back', async () => {
    await redis.stop();
    const from = '203.0.113.90';
    const started = performance.now();
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await get(app, from)).status);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    // No request waited on the missing Redis.
    expect(performance.now() - started).toBeLessThan(2_000);

    await redis.start();
    // Shared again once the client has reconnected: the count starts in Redis. (The new
    // Redis knows no script: EVALSHA's NOSCRIPT is answered by loading it with EVAL.)
    await until(
      'counts in Redis again',
      async () => {
        await get(app, '203.0.113.91');
        const keys = await keysUnder(redis.url, 'mieruka:live:limits:');
        return keys.length > 0 ? true : undefined;
      },
      20_000,
    );
  });
});
