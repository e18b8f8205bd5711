import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import { readEventsBody } from './read-events-body';

/**
 * Reads the ingest body as text, whatever its content type: it may be NDJSON, and a line that
 * is not JSON is rejected on its own instead of failing the whole request. Its events are
 * found while it arrives, so a body past MIERUKA_MAX_BODY_BYTES or
 * MIERUKA_MAX_EVENTS_PER_REQUEST is refused before the rest of it is even received. Failures
 * are HTTP exceptions, so they leave as problem JSON like every other error.
 */
@Injectable()
export class IngestBodyMiddleware implements NestMiddleware {
  constructor(@Inject(ENV) private readonly env: Env) {}

  async use(request: Request, _response: Response, next: NextFunction): Promise<void> {
    request.body = await readEventsBody(request, {
      maxBytes: this.env.MIERUKA_MAX_BODY_BYTES,
      maxItems: this.env.MIERUKA_MAX_EVENTS_PER_REQUEST,
    });
    next();
  }
}
