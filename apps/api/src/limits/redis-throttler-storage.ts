import type { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { LimitsRedis } from './limits-redis';
import { RedisScript } from './redis-script';

/**
 * One request counted, atomically, for every instance at once. A fixed window per key that
 * starts with its first hit (PEXPIRE only when the count is new, so a busy client cannot
 * keep extending it); the hit over the limit sets a block key for `blockDuration` and
 * clears the count, so after the block the client starts afresh — what the library's
 * in-memory storage does. Times are Redis's own (PTTL), so instances' clocks do not matter.
 *
 * KEYS: hits, block. ARGV: ttl ms, limit, block ms. Answers {hits, ttl ms, blocked, block ms}.
 */
const INCREMENT = new RedisScript(`
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(ARGV[2]) + 1, blocked, 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local duration = tonumber(ARGV[3])
  if duration <= 0 then duration = ttl end
  redis.call('SET', KEYS[2], '1', 'PX', duration)
  redis.call('DEL', KEYS[1])
  return {hits, ttl, 1, duration}
end
return {hits, ttl, 0, 0}
`);

/** What `increment` answers (the library does not export the type itself). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (ms: number): number => Math.ceil(ms / 1000);

/**
 * `ThrottlerStorage` over the deployment's Redis (node-redis, the client Mieruka already
 * uses), so several instances behind a load balancer share one count per client. While
 * Redis is away, requests are counted in this instance's memory instead (see LimitsRedis).
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();

  constructor(private readonly redis: LimitsRedis) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // A hash tag ({…}) keeps both keys of one count in one slot of a Redis Cluster.
    const base = `${this.redis.prefix}{${key}}`;
    const reply = await this.redis.run(
      INCREMENT,
      [`${base}:hits`, `${base}:block`],
      [String(ttl), String(limit), String(blockDuration)],
    );
    if (!Array.isArray(reply)) {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const [totalHits, ttlMs, blocked, blockMs] = reply.map(Number) as [
      number,
      number,
      number,
      number,
    ];
    return {
      totalHits,
      timeToExpire: seconds(ttlMs),
      isBlocked: blocked === 1,
      timeToBlockExpire: seconds(blockMs),
    };
  }

  /** Stops the local storage's sweep timer (LimitsRedis closes its own connection). */
  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
