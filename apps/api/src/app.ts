import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { setUpOpenApi } from './http/openapi';
import { ProblemFilter } from './http/problem.filter';
import { RedisStreamsIoAdapter } from './live/redis-io.adapter';

/** Builds the whole API (used by main.ts and by the tests, which pass their own clock). */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // No global body parser: the only body the API takes today is ingest's, read as text by
  // IngestBodyMiddleware. Routes that take JSON add their own parser when they arrive.
  app.useGlobalFilters(new ProblemFilter());
  setUpOpenApi(app);
  const { MIERUKA_REDIS_URL: redisUrl, MIERUKA_REDIS_STREAM: stream } = options.env;
  if (redisUrl) {
    const logger = app.get(Logger);
    app.useWebSocketAdapter(
      await RedisStreamsIoAdapter.connect(app, redisUrl, stream, (error) =>
        logger.warn({ err: error }, 'redis: connection problem (the client reconnects by itself)'),
      ),
    );
  }
  app.enableShutdownHooks();
  return app;
}
