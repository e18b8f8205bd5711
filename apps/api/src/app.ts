import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { ProblemFilter } from './http/problem.filter';

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
  app.enableShutdownHooks();
  return app;
}
