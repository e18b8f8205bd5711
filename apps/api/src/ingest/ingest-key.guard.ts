import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { IngestKeys } from '../config/ingest-keys';

export type IngestRequest = Request & { ingestTenant?: string | undefined };

/** `Authorization: Bearer <ingest key>`; a key limited to one tenant marks the request. */
@Injectable()
export class IngestKeyGuard implements CanActivate {
  constructor(@Inject(IngestKeys) private readonly keys: IngestKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IngestRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? this.keys.match(match[1]) : undefined;
    if (!found) {
      throw new UnauthorizedException({
        message: match
          ? 'ingest key not recognised'
          : 'missing ingest key: send Authorization: Bearer <key>',
        headers: { 'WWW-Authenticate': 'Bearer realm="mieruka-ingest"' },
      });
    }
    request.ingestTenant = found.tenant;
    return true;
  }
}
