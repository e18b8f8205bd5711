import {
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@mieruka/contracts';
import { AdaptersAdminController } from './adapters/adapters-admin.controller';
import { AdaptersModule } from './adapters/adapters.module';
import { AlertsController } from './alerts/alerts.controller';
import { alertsProviders } from './alerts/alerts.providers';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log';
import { auditStoreProvider } from './audit/audit-store.provider';
import { AccessGuard } from './auth/access.guard';
import { CallbacksController } from './callbacks/callbacks.controller';
import { CallbacksService } from './callbacks/callbacks.service';
import { AuthController } from './auth/auth.controller';
import { authProviders } from './auth/auth-providers';
import { DisplayTokensController } from './auth/display-tokens.controller';
import { IngestKeysController } from './auth/ingest-keys.controller';
import { UsersController } from './auth/users.controller';
import { IngestKeys } from './config/ingest-keys';
import { TenantDirectory } from './config/tenant-directory';
import { CLOCK, ENV, systemClock, type Clock } from './config/tokens';
import { HealthController } from './health/health.controller';
import { ReadinessController } from './health/readiness.controller';
import { readinessProviders } from './health/readiness.providers';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { REDACTED, REDACT_PATHS, redactedQuery, redactedUrl } from './http/redaction';
import { requestIdOf } from './http/request-id';
import { LimitsModule } from './limits/limits.module';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ExportController } from './export/export.controller';
import { ExportService } from './export/export.service';
import { HistoryController } from './history/history.controller';
import { RollupBuilder } from './history/rollup-builder';
import { TenantRanges } from './history/tenant-range';
import { IngestController } from './ingest/ingest.controller';
import { IngestBodyMiddleware } from './ingest/ingest-body.middleware';
import { IntakeGate } from './http/intake-gate';
import { IngestKeyGuard } from './ingest/ingest-key.guard';
import { IngestService } from './ingest/ingest.service';
import { LiveController } from './live/live.controller';
import { LiveGateway } from './live/live.gateway';
import { LiveProjections } from './live/live-projections';
import { pipelineProviders } from './pipeline/pipeline.providers';
import { withSimulatorDemo } from './simulator/demo-settings';
import { SimulatorService } from './simulator/simulator.service';
import { StatsController } from './stats/stats.controller';
import { StoreModule } from './store/store.module';
import { TenantSettingsSync } from './tenants/tenant-settings-sync';
import { tenantSettingsStoreProvider } from './tenants/tenant-settings-store.provider';
import { TenantsController } from './tenants/tenants.controller';
import { DisplayScopes } from './wallboards/display-scopes';
import { wallboardStoreProvider } from './wallboards/wallboard-store.provider';
import { WallboardsController } from './wallboards/wallboards.controller';
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
    // Small JSON bodies for the routes that take them; ingest reads its own (see above).
    consumer
      .apply(JsonBodyMiddleware)
      .forRoutes(
        AuthController,
        DisplayTokensController,
        IngestKeysController,
        UsersController,
        WallboardsController,
        TenantsController,
        AdaptersAdminController,
        AlertsController,
        {
          path: 'api/v1/dead-letters',
          method: RequestMethod.POST,
        },
      );
  }

  static forRoot(options: AppOptions): DynamicModule {
    const { env } = options;
    const wallboardDir = join(repoRoot(), 'dist', 'wallboard');
    const settings = [
      { provide: ENV, useValue: env },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      {
        provide: TenantDirectory,
        useValue:
          options.tenants ?? withSimulatorDemo(TenantDirectory.fromFile(env.MIERUKA_CONFIG), env),
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
            // The correlation id createApp gave the request first of all.
            genReqId: requestIdOf,
            autoLogging: {
              ignore: (req) =>
                req.url === '/api/v1/health' ||
                req.url === '/api/v1/ready' ||
                req.url === '/api/v1/stats' ||
                req.url === '/metrics',
            },
            // No credential is ever written: secret headers and fields by pino's own redaction
            // (on every line, the app's too), credentials in a query string by the serializer.
            redact: { paths: [...REDACT_PATHS], censor: REDACTED },
            serializers: {
              req: (req: { url?: string; query?: unknown }) => ({
                ...req,
                url: req.url === undefined ? undefined : redactedUrl(req.url),
                query: redactedQuery(req.query),
              }),
            },
          },
        }),
        StoreModule,
        AdaptersModule,
        LimitsModule.forRoot(env),
        // Readiness (health/): its own log line per change instead of terminus's per probe.
        TerminusModule.forRoot({ logger: false }),
        ...(existsSync(wallboardDir)
          ? [
              ServeStaticModule.forRoot({
                rootPath: wallboardDir,
                exclude: ['/api/{*path}', '/metrics'],
              }),
            ]
          : []),
      ],
      controllers: [
        HealthController,
        ReadinessController,
        IngestController,
        StatsController,
        LiveController,
        HistoryController,
        ExportController,
        AuthController,
        DisplayTokensController,
        IngestKeysController,
        UsersController,
        WallboardsController,
        TenantsController,
        MetricsController,
        AuditController,
        AdaptersAdminController,
        AlertsController,
        CallbacksController,
      ],
      providers: [
        ...settings,
        IntakeGate,
        IngestService,
        TenantRanges,
        RollupBuilder,
        ExportService,
        IngestKeyGuard,
        ...authProviders,
        Metrics,
        AccessGuard,
        LiveProjections,
        LiveGateway,
        SimulatorService,
        wallboardStoreProvider,
        DisplayScopes,
        tenantSettingsStoreProvider,
        TenantSettingsSync,
        auditStoreProvider,
        AuditLog,
        CallbacksService,
        ...alertsProviders,
        ...readinessProviders,
        ...pipelineProviders(env),
      ],
      // IngestService: the adapters' way in too, so that with Kafka they publish like HTTP.
      exports: [ENV, CLOCK, TenantDirectory, IngestKeys, IngestService],
    };
  }
}
