import {
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  type NestMiddleware,
} from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';

/**
 * Reads the body of the signed routes (webhook, Twilio) as the exact bytes received: a
 * signature is over those bytes, and any parser (charset decoding, a stripped BOM, JSON
 * re-serialisation) could change them. Errors become HTTP exceptions, hence problem JSON.
 */
@Injectable()
export class RawBodyMiddleware implements NestMiddleware {
  private readonly parse: express.RequestHandler;

  constructor(@Inject(ENV) private readonly env: Env) {
    this.parse = express.raw({ type: () => true, limit: env.MIERUKA_MAX_BODY_BYTES });
  }

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.parse(request, response, (error?: unknown) =>
        error ? reject(this.toHttp(error)) : resolve(),
      );
    });
    next();
  }

  private toHttp(error: unknown): Error {
    const e = error as { type?: string; message?: string };
    if (e.type === 'entity.too.large') {
      return new PayloadTooLargeException(
        `body: larger than the limit of ${this.env.MIERUKA_MAX_BODY_BYTES} bytes`,
      );
    }
    return new BadRequestException(`body: ${e.message ?? 'unreadable'}`);
  }
}

/** The raw body the middleware read (empty when there was none). */
export function rawBody(request: Request): Buffer {
  const body: unknown = request.body;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
