import {
  Inject,
  Injectable,
  PayloadTooLargeException,
  BadRequestException,
  type NestMiddleware,
} from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import { runParser } from '../http/run-parser';

/**
 * Reads the ingest body as text, whatever its content type: it may be NDJSON, and a line that
 * is not JSON is rejected on its own instead of failing the whole request. Parser errors
 * become HTTP exceptions, so they leave as problem JSON like every other error.
 */
@Injectable()
export class IngestBodyMiddleware implements NestMiddleware {
  private readonly parse: express.RequestHandler;

  constructor(@Inject(ENV) private readonly env: Env) {
    this.parse = express.text({ type: () => true, limit: env.MIERUKA_MAX_BODY_BYTES });
  }

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    await runParser(this.parse, request, response, (e) => this.toHttp(e));
    next();
  }

  private toHttp(e: { type?: string; message?: string }): Error {
    if (e.type === 'entity.too.large') {
      return new PayloadTooLargeException(
        `body: larger than the limit of ${this.env.MIERUKA_MAX_BODY_BYTES} bytes`,
      );
    }
    return new BadRequestException(`body: ${e.message ?? 'unreadable'}`);
  }
}
