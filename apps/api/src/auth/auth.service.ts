import { Inject, Injectable } from '@nestjs/common';
import type { SignedOut } from '@mieruka/contracts';
import { CLOCK, type Clock } from '../config/tokens';
import { AuthError } from './auth-error';
import { CredentialState } from './credential-state';
import type { Principal } from './principal';
import { SessionSigner } from './session-tokens';

export { AuthError } from './auth-error';

/**
 * Authentication: the principal behind a credential (a signed session or a display token),
 * and whether it still holds. Users, sign-ins and issued tokens have their own services
 * (users.service, sessions.service, display-tokens.service, ingest-keys.service).
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(CredentialState) private readonly state: CredentialState,
    @Inject(SessionSigner) private readonly signer: SessionSigner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Hears the credential room of every revoked credential (see `credentialRooms`). */
  onRevoked(listener: (credentialRoom: string) => void): void {
    this.state.onRevoked(listener);
  }

  /** The principal behind a session or display token, or an AuthError saying why not. */
  async authenticate(credential: string): Promise<Principal> {
    const now = this.clock.now();
    if (credential.startsWith('ms1.')) {
      const claims = this.signer.verify(credential, now);
      if ('refused' in claims) throw new AuthError(claims.refused);
      if (this.state.isDisabled(claims.username)) throw new AuthError('user disabled');
      if (this.state.sessionEnded(claims.session)) {
        throw new AuthError('signed out: sign in again');
      }
      if (claims.issuedAt < this.state.changedAt(claims.username)) {
        throw new AuthError('your access changed: refresh the session');
      }
      return { kind: 'user', ...claims };
    }
    const token = await this.state.findBySecret(credential);
    if (!token || token.kind !== 'display') throw new AuthError('token not recognised');
    if (token.revokedAt !== null) throw new AuthError('token revoked');
    if (token.expiresAt <= now) throw new AuthError('token expired');
    this.state.touch(token.id);
    return {
      kind: 'display',
      tokenId: token.id,
      tenant: token.tenant,
      wallboard: token.subject,
      expiresAt: token.expiresAt,
    };
  }

  /**
   * Why a principal established earlier no longer holds, or undefined while it does.
   * `expired` also when an admin changed the user since: a refresh signs the new access in.
   */
  endReason(principal: Principal): SignedOut['reason'] | undefined {
    if (principal.expiresAt <= this.clock.now()) return 'expired';
    if (principal.kind === 'display') {
      return this.state.byId(principal.tokenId)?.revokedAt === null ? undefined : 'revoked';
    }
    if (this.state.isDisabled(principal.username)) return 'revoked';
    if (this.state.sessionEnded(principal.session)) return 'revoked';
    if (principal.issuedAt < this.state.changedAt(principal.username)) return 'expired';
    return undefined;
  }
}
