import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  type NestMiddleware,
} from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { runParser } from './run-parser';

/** Enough for a page of dead letters; sign-ins and settings are far smaller. */
const LIMIT_BYTES = 1024 * 1024;

/** JSON bodies (sign-in, settings, tokens, dead letters): a broken one is a 400 that says why. */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse = express.json({ limit: LIMIT_BYTES });

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    await runParser(this.parse, request, response, (error) =>
      error.type === 'entity.too.large'
        ? new PayloadTooLargeException(`body: larger than the limit of ${LIMIT_BYTES} bytes`)
        : new BadRequestException(`body: not valid JSON (${error.message ?? 'unreadable'})`),
    );
    next();
  }
}
