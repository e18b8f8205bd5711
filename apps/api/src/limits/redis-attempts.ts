import { MemoryAttempts, type AttemptCount, type AttemptCounter } from './attempts';
import type { LimitsRedis } from './limits-redis';
import { RedisScript } from './redis-script';

/**
 * One attempt counted, atomically; the window's expiry is set with its first attempt in the
 * same step, so a key can never be left without one (a lock-out for ever).
 *
 * KEYS: the count. ARGV: window ms. Answers {attempts, ms until the window ends}.
 */
const COUNT = new RedisScript(`
local attempts = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {attempts, ttl}
`);

/** Attempts counted in Redis for every instance; in memory while Redis is away. */
export class RedisAttempts implements AttemptCounter {
  private readonly local = new MemoryAttempts();

  constructor(private readonly redis: LimitsRedis) {}

  async count(key: string, windowMs: number): Promise<AttemptCount> {
    const reply = await this.redis.run(COUNT, [this.redisKey(key)], [String(windowMs)]);
    if (!Array.isArray(reply)) return this.local.count(key, windowMs);
    const [attempts, resetInMs] = reply.map(Number) as [number, number];
    return { attempts, resetInMs };
  }

  async clear(key: string): Promise<void> {
    await Promise.all([this.redis.delete([this.redisKey(key)]), this.local.clear(key)]);
  }

  private redisKey(key: string): string {
    return `${this.redis.prefix}attempts:${key}`;
  }
}
