import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import { RedisPing } from './redis-ping';
import { reason } from './with-timeout';

/**
 * With several instances (`MIERUKA_REDIS_URL`), Redis carries Socket.IO between them and the
 * stored events every instance folds: an instance that cannot reach it would show TVs numbers
 * missing the other instances' events, so it is not ready.
 */
@Injectable()
export class RedisIndicator implements OnApplicationShutdown {
  private readonly redis: RedisPing | undefined;

  constructor(
    @Inject(ENV) env: Env,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
  ) {
    if (env.MIERUKA_REDIS_URL) this.redis = new RedisPing(env.MIERUKA_REDIS_URL);
  }

  get enabled(): boolean {
    return this.redis !== undefined;
  }

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('redis');
    if (!this.redis) return indicator.up({ message: 'not configured' });
    try {
      await this.redis.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: reason(error) });
    }
  }

  onApplicationShutdown(): void {
    this.redis?.close();
  }
}
