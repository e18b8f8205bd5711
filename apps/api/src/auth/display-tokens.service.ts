import { Inject, Injectable } from '@nestjs/common';
import {
  NotFound,
  newDisplayTokenSchema,
  type CreatedDisplayToken,
  type DisplayTokenInfo,
  type NewDisplayToken,
} from '@mieruka/contracts';
import type { StoredToken } from '@mieruka/store';
import type { IssuedCredentials } from './issued-credentials';
import { TokenIssuer, issuedTokenInfo } from './token-issuer';

/** Display tokens: one per TV, for one tenant and wallboard; revoking one closes its screens. */
@Injectable()
export class DisplayTokensService implements IssuedCredentials<
  NewDisplayToken,
  CreatedDisplayToken,
  DisplayTokenInfo
> {
  constructor(@Inject(TokenIssuer) private readonly issuer: TokenIssuer) {}

  async create(request: NewDisplayToken): Promise<CreatedDisplayToken> {
    const { tenant, wallboard, label, expiresInDays } = newDisplayTokenSchema.parse(request);
    const { stored, secret } = await this.issuer.issue('display', 'mdt', {
      tenant,
      subject: wallboard,
      label,
      expiresInDays,
    });
    return { ...displayInfo(stored, undefined), token: secret };
  }

  async list(tenant: string): Promise<DisplayTokenInfo[]> {
    const tokens = await this.issuer.list('display', tenant);
    return tokens.map(({ token, lastUsedAt }) => displayInfo(token, lastUsedAt));
  }

  async revoke(id: string, tenant: string): Promise<DisplayTokenInfo> {
    const token = await this.issuer.revoke('display', id, tenant);
    if (!token) throw new NotFound(`no display token ${id}`, { code: 'display-token.not-found' });
    return displayInfo(token, undefined);
  }
}

function displayInfo(token: StoredToken, lastUsedAt: number | undefined): DisplayTokenInfo {
  return { ...issuedTokenInfo(token, lastUsedAt), wallboard: token.subject };
}
