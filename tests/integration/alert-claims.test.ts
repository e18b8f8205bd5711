import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import {
  MIN_CLAIM_MS,
  RedisAlertClaims,
  soleInstanceClaims,
} from '../../apps/api/src/alerts/alert-claims';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Two API instances decide the same alert (each folds every event): against the real Redis,
 * exactly one claims each message, a clear is a message of its own, and the claim lasts the
 * rule's cool-down (MIN_CLAIM_MS at least).
 */
describe('alert claims across instances (real Redis)', () => {
  const prefix = `mieruka-test:${process.pid}:${randomUUID()}:alerts:`;
  const failures: unknown[] = [];
  let a: RedisAlertClaims;
  let b: RedisAlertClaims;

  beforeAll(async () => {
    a = await RedisAlertClaims.connect(REDIS_URL, prefix, (e) => failures.push(e));
    b = await RedisAlertClaims.connect(REDIS_URL, prefix, (e) => failures.push(e));
  });
  afterAll(async () => {
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
    await a.close();
    await b.close();
  });

  it('lets one instance send each message; the others drop it', async () => {
    const claims = await Promise.all([
      a.claim('default', 'sl', 'breach', 300_000),
      b.claim('default', 'sl', 'breach', 300_000),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The clear is a message of its own, and another rule's or tenant's too.
    expect(await b.claim('default', 'sl', 'clear', 300_000)).toBe(true);
    expect(await a.claim('default', 'sl', 'clear', 300_000)).toBe(false);
    expect(await a.claim('default', 'asa', 'breach', 300_000)).toBe(true);
    expect(await a.claim('other', 'sl', 'breach', 300_000)).toBe(true);
    expect(failures).toEqual([]);
  });

  it('holds a claim for the cool-down, and at least MIN_CLAIM_MS', async () => {
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      expect(await a.claim('default', 'quick', 'breach', 0)).toBe(true);
      const ttl = await redis.pTTL(`${prefix}default:quick:breach`);
      expect(ttl).toBeGreaterThan(MIN_CLAIM_MS - 2_000);
      expect(ttl).toBeLessThanOrEqual(MIN_CLAIM_MS);
      expect(await a.claim('default', 'slow', 'breach', 600_000)).toBe(true);
      expect(await redis.pTTL(`${prefix}default:slow:breach`)).toBeGreaterThan(590_000);
      // Once it lapses, the next message of that kind is due again.
      await redis.del(`${prefix}default:quick:breach`);
      expect(await b.claim('default', 'quick', 'breach', 0)).toBe(true);
    } finally {
      await redis.quit();
    }
  });

  it('sends everything when there is one instance', async () => {
    expect(await soleInstanceClaims.claim('default', 'sl', 'breach', 300_000)).toBe(true);
    expect(await soleInstanceClaims.claim('default', 'sl', 'breach', 300_000)).toBe(true);
  });
});
