import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorageService } from '@nestjs/throttler';
import type { Env } from '@mieruka/contracts';
import { IngestKeys } from '../config/ingest-keys';
import { CLOCK, type Clock } from '../config/tokens';
import { MemoryAttempts } from './attempts';
import { LimitsGuard } from './limits.guard';
import { LimitsRedis } from './limits-redis';
import { LOGIN_ATTEMPTS, LoginThrottle } from './login-throttle';
import { RedisAttempts } from './redis-attempts';
import { RedisThrottlerStorage } from './redis-throttler-storage';
import { limitKey, throttlers } from './throttlers';

const LIMITS_REDIS = Symbol('LIMITS_REDIS');

@Module({})
class LimitsRedisModule {}

/**
 * Request rates (the throttler guard on every HTTP route) and sign-in throttling, counted in
 * Redis when MIERUKA_REDIS_URL is set — so limits hold across instances — and in memory
 * otherwise.
 */
@Module({})
export class LimitsModule {
  static forRoot(env: Env): DynamicModule {
    const redisUrl = env.MIERUKA_REDIS_URL;
    // The one connection both kinds of count share; imported by the throttler's module too.
    const redisModule: DynamicModule = {
      module: LimitsRedisModule,
      providers: [
        {
          provide: LIMITS_REDIS,
          useFactory: async (): Promise<LimitsRedis | null> =>
            redisUrl
              ? LimitsRedis.connect(
                  redisUrl,
                  `${env.MIERUKA_REDIS_STREAM}:limits:`,
                  new Logger('limits'),
                )
              : null,
        },
      ],
      exports: [LIMITS_REDIS],
    };
    return {
      module: LimitsModule,
      imports: [
        redisModule,
        ThrottlerModule.forRootAsync({
          imports: [redisModule],
          useFactory: (redis: LimitsRedis | null, ingestKeys: IngestKeys) => ({
            throttlers: throttlers(env, ingestKeys),
            generateKey: limitKey,
            setHeaders: false,
            storage: redis ? new RedisThrottlerStorage(redis) : new ThrottlerStorageService(),
          }),
          inject: [LIMITS_REDIS, IngestKeys],
        }),
      ],
      providers: [
        {
          provide: LOGIN_ATTEMPTS,
          useFactory: (redis: LimitsRedis | null, clock: Clock) =>
            // In memory, windows follow the app's clock (tests move it); Redis keeps its own.
            redis ? new RedisAttempts(redis) : new MemoryAttempts(() => clock.now()),
          inject: [LIMITS_REDIS, CLOCK],
        },
        LoginThrottle,
        { provide: APP_GUARD, useClass: LimitsGuard },
      ],
      exports: [LoginThrottle],
    };
  }
}
