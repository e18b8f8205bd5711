import { createHash } from 'node:crypto';
import type { RedisClient } from '../live/redis-client';

/**
 * A Lua script run atomically by Redis: EVALSHA (the digest only, a few bytes a request),
 * and EVAL once when Redis does not know it yet (first use, or after a restart or
 * SCRIPT FLUSH) — after which EVALSHA finds it again.
 */
export class RedisScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source, 'utf8').digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
