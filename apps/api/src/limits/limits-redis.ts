import type { OnApplicationShutdown } from '@nestjs/common';
import { closeClient, newRedisClient, type RedisClient } from '../live/redis-client';
import type { RedisScript } from './redis-script';

/**
 * Longest wait for Redis on a request's path. Past it the request is counted locally
 * instead: a limit must never be what makes the API slow or down.
 */
const COMMAND_TIMEOUT_MS = 500;
/** One warning per this interval at most while Redis is away. */
const COMPLAINT_INTERVAL_MS = 10_000;

export interface LimitsLogger {
  warn(details: object, message: string): void;
}

/**
 * The limits' own connection to the deployment's Redis, shared by the request counts and
 * the sign-in counts, with their keys under one prefix (`<MIERUKA_REDIS_STREAM>:limits:`).
 *
 * `run` answers `undefined` instead of failing when Redis is not there (down, reconnecting,
 * too slow): callers then count in this instance's memory, so limits still hold per instance
 * through an outage, and are shared again as soon as Redis is back.
 */
export class LimitsRedis implements OnApplicationShutdown {
  private lastComplaint = 0;

  private constructor(
    private readonly client: RedisClient,
    readonly prefix: string,
    private readonly logger: LimitsLogger,
  ) {}

  /** Connects first: an instance that cannot reach Redis should not start half-wired. */
  static async connect(url: string, prefix: string, logger: LimitsLogger): Promise<LimitsRedis> {
    const client = newRedisClient(url);
    const redis = new LimitsRedis(client, prefix, logger);
    // The client reconnects by itself; meanwhile requests are counted locally.
    client.on('error', (error: unknown) => redis.complain(error));
    await client.connect();
    return redis;
  }

  async run(script: RedisScript, keys: string[], args: string[]): Promise<unknown> {
    if (!this.client.isReady) return undefined;
    try {
      return await script.run(
        this.client.withCommandOptions({ timeout: COMMAND_TIMEOUT_MS }),
        keys,
        args,
      );
    } catch (error) {
      this.complain(error);
      return undefined;
    }
  }

  /** Deletes keys; best effort (an entry left behind expires with its window). */
  async delete(keys: string[]): Promise<void> {
    if (!this.client.isReady) return;
    await this.client
      .withCommandOptions({ timeout: COMMAND_TIMEOUT_MS })
      .del(keys)
      .catch((error: unknown) => this.complain(error));
  }

  /** Closed with the app (Nest calls this on the provider that made it). */
  onApplicationShutdown(): Promise<void> {
    return closeClient(this.client);
  }

  private complain(error: unknown): void {
    if (Date.now() - this.lastComplaint < COMPLAINT_INTERVAL_MS) return;
    this.lastComplaint = Date.now();
    this.logger.warn(
      { err: error },
      'redis: limits are counted per instance until the connection is back',
    );
  }
}
