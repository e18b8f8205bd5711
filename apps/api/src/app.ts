import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { IntakeGate } from './http/intake-gate';
import { setUpOpenApi } from './http/openapi';
import { ProblemFilter } from './http/problem.filter';
import { requestIds } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { OriginCheckedIoAdapter } from './live/origin-checked-io.adapter';
import { RedisStreamsIoAdapter } from './live/redis-io.adapter';
import { logRedisProblem } from './live/redis-problem-log';

/** Builds the whole API (used by main.ts and by the tests, which pass their own clock). */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // First of all: a correlation id, then, once a stop begins, new requests are turned away.
  app.use(requestIds);
  app.use(app.get(IntakeGate).middleware());
  const { MIERUKA_CORS_ORIGINS: origins, MIERUKA_TRUST_PROXY: proxies } = options.env;
  // Behind N proxies the client is N hops up X-Forwarded-For: per-address limits need it.
  if (proxies > 0) app.set('trust proxy', proxies);
  // Before every route (Swagger's included): security headers, then CORS — other origins
  // only when listed, for REST here and for the socket handshake in the IO adapter.
  app.use(securityHeaders(options.env.MIERUKA_PUBLIC_ORIGINS));
  app.enableCors({
    origin: [...origins],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'WWW-Authenticate'],
    maxAge: 600,
  });
  // No global body parser: the only body the API takes today is ingest's, read as text by
  // IngestBodyMiddleware. Routes that take JSON add their own parser when they arrive.
  app.useGlobalFilters(new ProblemFilter());
  setUpOpenApi(app);
  const { MIERUKA_REDIS_URL: redisUrl, MIERUKA_REDIS_STREAM: stream } = options.env;
  if (redisUrl) {
    const logger = app.get(Logger);
    app.useWebSocketAdapter(
      await RedisStreamsIoAdapter.connect(app, origins, redisUrl, stream, (error) =>
        logRedisProblem(logger, error),
      ),
    );
  } else {
    app.useWebSocketAdapter(new OriginCheckedIoAdapter(app, origins));
  }
  return app;
}
