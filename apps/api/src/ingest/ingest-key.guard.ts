import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Unauthenticated } from '@mieruka/contracts';
import { challenged } from '../auth/auth-error';
import { IngestKeysService } from '../auth/ingest-keys.service';
import { secretDigest } from '../auth/secrets';
import { IngestKeys } from '../config/ingest-keys';

export type IngestRequest = Request & {
  ingestTenant?: string | undefined;
  /** Who sends: the digest of the key presented (requests are bounded per sender). */
  ingestSender?: string;
};

/**
 * `Authorization: Bearer <ingest key>`: a key from the settings (MIERUKA_INGEST_KEYS) or one
 * an admin made (`/api/v1/ingest-keys`, always bound to one tenant). A key limited to one
 * tenant marks the request, and ingest refuses events of any other tenant.
 */
@Injectable()
export class IngestKeyGuard implements CanActivate {
  constructor(
    @Inject(IngestKeys) private readonly keys: IngestKeys,
    @Inject(IngestKeysService) private readonly issuedKeys: IngestKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<IngestRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const presented = match?.[1];
    if (!presented) throw refused('missing ingest key: send Authorization: Bearer <key>');
    request.ingestSender = secretDigest(presented);
    const configured = this.keys.match(presented);
    if (configured) {
      request.ingestTenant = configured.tenant;
      return true;
    }
    const issued = await this.issuedKeys.authenticate(presented).catch(challenged(CHALLENGE));
    if (!issued) throw refused('ingest key not recognised');
    request.ingestTenant = issued.tenant;
    return true;
  }
}

const CHALLENGE = 'Bearer realm="mieruka-ingest"';

function refused(message: string): Unauthenticated {
  return new Unauthenticated(message, { challenge: CHALLENGE });
}
