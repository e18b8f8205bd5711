import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@mieruka/contracts';
import { IngestKeys } from './config/ingest-keys';
import { TenantDirectory } from './config/tenant-directory';
import { CLOCK, ENV, systemClock, type Clock } from './config/tokens';
import { HealthController } from './health/health.controller';
import { HistoryController } from './history/history.controller';
import { IngestController } from './ingest/ingest.controller';
import { IngestBodyMiddleware } from './ingest/ingest-body.middleware';
import { IngestKeyGuard } from './ingest/ingest-key.guard';
import { IngestService } from './ingest/ingest.service';
import { LiveController } from './live/live.controller';
import { LiveGateway } from './live/live.gateway';
import { LiveProjections } from './live/live-projections';
import { SimulatorService } from './simulator/simulator.service';
import { StatsController } from './stats/stats.controller';
import { StoreModule } from './store/store.module';
import { repoRoot } from './repo-root';

export interface AppOptions {
  readonly env: Env;
  readonly clock?: Clock;
  readonly tenants?: TenantDirectory;
  readonly ingestKeys?: IngestKeys;
}

@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(IngestBodyMiddleware).forRoutes('api/v1/events');
  }

  static forRoot(options: AppOptions): DynamicModule {
    const { env } = options;
    const wallboardDir = join(repoRoot(), 'dist', 'wallboard');
    const settings = [
      { provide: ENV, useValue: env },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: TenantDirectory,
        useValue: options.tenants ?? TenantDirectory.fromFile(env.MIERUKA_CONFIG),
      },
      {
        provide: IngestKeys,
        useValue: options.ingestKeys ?? new IngestKeys(env.MIERUKA_INGEST_KEYS),
      },
    ];
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.MIERUKA_LOG_LEVEL,
            // A correlation id per request: the caller's X-Request-Id, or a new one.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id =
                typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            autoLogging: {
              ignore: (req) => req.url === '/api/v1/health' || req.url === '/api/v1/stats',
            },
          },
        }),
        StoreModule,
        ...(existsSync(wallboardDir)
          ? [ServeStaticModule.forRoot({ rootPath: wallboardDir, exclude: ['/api/{*path}'] })]
          : []),
      ],
      controllers: [
        HealthController,
        IngestController,
        StatsController,
        LiveController,
        HistoryController,
      ],
      providers: [
        ...settings,
        IngestService,
        IngestKeyGuard,
        LiveProjections,
        LiveGateway,
        SimulatorService,
      ],
      exports: [ENV, CLOCK, TenantDirectory, IngestKeys],
    };
  }
}
