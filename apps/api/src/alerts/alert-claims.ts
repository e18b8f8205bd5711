import { closeClient, newRedisClient, type RedisClient } from '../live/redis-client';

/**
 * Who sends a message. With several instances (MIERUKA_REDIS_URL) every one folds every event
 * and so decides every alert; the first to claim a message in Redis sends it, the others drop
 * it. The key is the rule and the kind of message (breach or clear), held for the rule's
 * cool-down: the rules never send the same kind twice within two cool-downs (a breach, then a
 * clear, each at least a cool-down apart), so a claim never hides a message that is due, and
 * instances deciding a few seconds apart still agree. A cool-down of 0 still holds the claim
 * MIN_CLAIM_MS, the spread between instances' decisions it must cover.
 */
export interface AlertClaims {
  claim(tenant: string, rule: string, kind: string, cooldownMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export const ALERT_CLAIMS = Symbol('ALERT_CLAIMS');
export const MIN_CLAIM_MS = 10_000;
const COMMAND_TIMEOUT_MS = 1_000;

/** One instance: every message is its own. */
export const soleInstanceClaims: AlertClaims = {
  claim: () => Promise.resolve(true),
  close: () => Promise.resolve(),
};

export class RedisAlertClaims implements AlertClaims {
  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly failed: (error: unknown) => void,
  ) {}

  static async connect(
    url: string,
    prefix: string,
    failed: (error: unknown) => void,
  ): Promise<RedisAlertClaims> {
    const client = newRedisClient(url);
    client.on('error', failed);
    await client.connect();
    return new RedisAlertClaims(client, prefix, failed);
  }

  async claim(tenant: string, rule: string, kind: string, cooldownMs: number): Promise<boolean> {
    const key = `${this.prefix}${tenant}:${rule}:${kind}`;
    // Redis away (a command would wait for it): a message sent twice beats one nobody hears.
    if (!this.client.isReady) return true;
    try {
      const won = await this.client
        .withCommandOptions({ timeout: COMMAND_TIMEOUT_MS })
        .set(key, '1', {
          NX: true,
          PX: Math.max(MIN_CLAIM_MS, cooldownMs),
        });
      return won === 'OK';
    } catch (error) {
      this.failed(error);
      return true;
    }
  }

  close(): Promise<void> {
    return closeClient(this.client);
  }
}
