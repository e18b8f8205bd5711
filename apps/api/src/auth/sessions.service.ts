import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { Env, SessionAnswer } from '@mieruka/contracts';
import { CredentialStore, type StoredUser } from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { AuthError } from './auth-error';
import { CredentialState } from './credential-state';
import { sessionRoom, userRoom } from './principal';
import { checkPassword, newSecret, secretDigest } from './secrets';
import { SessionSigner } from './session-tokens';

const DAY_MS = 86_400_000;
/** A refresh token renews sessions for this long after the last login or refresh. */
const REFRESH_TTL_MS = 30 * DAY_MS;

/**
 * Sign-ins: a signed short-lived access token and a single-use refresh token (kept as a
 * SHA-256 digest) per login; a refresh renews, a logout ends the sign-in everywhere.
 */
@Injectable()
export class SessionsService {
  private readonly sessionMs: number;

  constructor(
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(CredentialState) private readonly state: CredentialState,
    @Inject(SessionSigner) private readonly signer: SessionSigner,
    @Inject(ENV) env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('auth');
    this.sessionMs = env.MIERUKA_SESSION_MINUTES * 60_000;
  }

  async login(username: string, password: string): Promise<SessionAnswer> {
    const user = await this.credentials.findUser(username);
    const matches = await checkPassword(password, user?.passwordHash);
    if (!user || !matches || user.disabled) throw new AuthError('wrong username or password');
    return this.startSession(user);
  }

  /**
   * A new session for a refresh token, which is used up: the answer carries its successor.
   * A used-up token presented again means it leaked — every session of that user is ended.
   */
  async refresh(refreshToken: string): Promise<SessionAnswer> {
    const token = await this.state.findBySecret(refreshToken);
    const now = this.clock.now();
    if (!token || token.kind !== 'refresh' || token.expiresAt <= now) {
      throw new AuthError('refresh token not recognised or expired');
    }
    if (token.revokedAt !== null) {
      // Every sign-in of the user ends: renewals, access tokens and sockets, at once.
      await this.state.revokeWhere((t) => t.kind === 'refresh' && t.subject === token.subject);
      this.state.announce(userRoom(token.subject));
      this.logger.warn(
        { username: token.subject },
        'a used refresh token came back: sessions ended',
      );
      throw new AuthError('refresh token already used; sign in again');
    }
    const user = await this.credentials.findUser(token.subject);
    if (!user || user.disabled) throw new AuthError('user no longer exists');
    // The successor first: the sign-in never looks ended between the two writes.
    const answer = await this.startSession(user, token.session || randomUUID());
    await this.state.revoke(token);
    return answer;
  }

  /** Ends the sign-in: its refresh token, and its access tokens and sockets at once. */
  async logout(refreshToken: string): Promise<void> {
    const token = await this.state.findBySecret(refreshToken);
    if (token?.kind !== 'refresh' || token.revokedAt !== null) return;
    await this.state.revoke(token);
    if (token.session) this.state.announce(sessionRoom(token.session));
  }

  private async startSession(
    { username, tenant, role, scopes }: StoredUser,
    session: string = randomUUID(),
  ): Promise<SessionAnswer> {
    const now = this.clock.now();
    const expiresAt = now + this.sessionMs;
    const refreshToken = newSecret('mrt');
    await this.state.store({
      id: randomUUID(),
      kind: 'refresh',
      digest: secretDigest(refreshToken),
      tenant,
      subject: username,
      label: '',
      session,
      createdAt: now,
      expiresAt: now + REFRESH_TTL_MS,
      revokedAt: null,
    });
    return {
      accessToken: this.signer.sign({
        username,
        tenant,
        role,
        scopes,
        issuedAt: now,
        expiresAt,
        session,
      }),
      expiresAt: new Date(expiresAt).toISOString(),
      expiresInMs: this.sessionMs,
      refreshToken,
      user: { username, tenant, role, scopes },
    };
  }
}
