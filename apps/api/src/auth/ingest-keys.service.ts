import { Inject, Injectable } from '@nestjs/common';
import {
  NotFound,
  newIngestKeySchema,
  type CreatedIngestKey,
  type IngestKeyInfo,
  type NewIngestKey,
} from '@mieruka/contracts';
import { IngestKeys } from '../config/ingest-keys';
import { CLOCK, type Clock } from '../config/tokens';
import { AuthError } from './auth-error';
import { CredentialState } from './credential-state';
import type { IssuedCredentials } from './issued-credentials';
import { TokenIssuer, issuedTokenInfo } from './token-issuer';

/**
 * Ingest keys an admin issues: one per system (PBX, dialer, order desk) and tenant, shown
 * once, listed with its last use, revocable at once (on every instance within a reload).
 */
@Injectable()
export class IngestKeysService implements IssuedCredentials<
  NewIngestKey,
  CreatedIngestKey,
  IngestKeyInfo
> {
  constructor(
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(CredentialState) private readonly state: CredentialState,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IngestKeys) ingestKeys: IngestKeys,
  ) {
    ingestKeys.issuedBy(async (presented) => {
      const token = await state.findBySecret(presented);
      return token?.kind === 'ingest' && token.revokedAt === null && token.expiresAt > clock.now();
    });
  }

  async create(request: NewIngestKey): Promise<CreatedIngestKey> {
    const { tenant, label, expiresInDays } = newIngestKeySchema.parse(request);
    const { stored, secret } = await this.issuer.issue('ingest', 'mik', {
      tenant,
      subject: '',
      label,
      expiresInDays,
    });
    return { ...issuedTokenInfo(stored, undefined), key: secret };
  }

  async list(tenant: string): Promise<IngestKeyInfo[]> {
    const keys = await this.issuer.list('ingest', tenant);
    return keys.map(({ token, lastUsedAt }) => issuedTokenInfo(token, lastUsedAt));
  }

  async revoke(id: string, tenant: string): Promise<IngestKeyInfo> {
    const token = await this.issuer.revoke('ingest', id, tenant);
    if (!token) throw new NotFound(`no ingest key ${id}`, { code: 'ingest-key.not-found' });
    return issuedTokenInfo(token, undefined);
  }

  /**
   * The tenant an ingest key posts for; `undefined` when it is not an ingest key at all, an
   * AuthError when it is one that was revoked or has expired.
   */
  async authenticate(credential: string): Promise<{ tenant: string } | undefined> {
    const token = await this.state.findBySecret(credential);
    if (!token || token.kind !== 'ingest') return undefined;
    if (token.revokedAt !== null) throw new AuthError('ingest key revoked');
    if (token.expiresAt <= this.clock.now()) throw new AuthError('ingest key expired');
    this.state.touch(token.id);
    return { tenant: token.tenant };
  }
}
