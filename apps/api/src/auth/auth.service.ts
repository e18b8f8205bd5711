import {
  Inject,
  Injectable,
  type OnModuleDestroy,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import {
  newDisplayTokenSchema,
  newIngestKeySchema,
  type CreatedDisplayToken,
  type CreatedIngestKey,
  type DisplayTokenInfo,
  type Env,
  type IngestKeyInfo,
  type NewDisplayToken,
  type NewIngestKey,
  type NewUserInput,
  type SessionAnswer,
  type SignedOut,
  type UserInfo,
  type UserUpdate,
} from '@mieruka/contracts';
import { CredentialStore, type StoredToken, type StoredUser } from '@mieruka/store';
import { IngestKeys } from '../config/ingest-keys';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { displayTokenRoom, sessionRoom, userRoom, type Principal } from './principal';
import { addUser } from './add-user';
import { checkPassword, hashPassword, newSecret, secretDigest } from './secrets';
import { SessionSigner } from './session-tokens';
import { TOKEN_RELOAD_MS, TokenRegistry } from './token-registry';
import { TokenUses, USE_RESOLUTION_MS } from './token-uses';

const DAY_MS = 86_400_000;
/** A refresh token renews sessions for this long after the last login or refresh. */
const REFRESH_TTL_MS = 30 * DAY_MS;

/** Why a change to a user cannot be made; the message is safe to show the caller. */
export class UserChangeError extends Error {
  override readonly name = 'UserChangeError';
}

/** Why a credential was refused; the message is safe to show the caller. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/**
 * Logins, sessions and display tokens. Passwords are bcrypt hashes; display and refresh
 * tokens are random and kept as SHA-256 digests; sessions are signed (see SessionSigner).
 * Listeners hear every revocation so open sockets of that credential can be closed at once.
 */
@Injectable()
export class AuthService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly signer: SessionSigner;
  private readonly registry: TokenRegistry;
  private readonly sessionMs: number;
  private readonly revokedListeners: ((principalRoom: string) => void)[] = [];
  private readonly uses: TokenUses;
  private reloadTimer: NodeJS.Timeout | undefined;
  private usesTimer: NodeJS.Timeout | undefined;
  /** Users disabled (here or on another instance): their signed sessions stop working. */
  private disabledUsers = new Set<string>();
  /** When an admin last changed each user: sessions signed before it stop working. */
  private userChanges = new Map<string, number>();

  constructor(
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IngestKeys) ingestKeys: IngestKeys,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('auth');
    this.signer = new SessionSigner(env.MIERUKA_SESSION_SECRET);
    this.sessionMs = env.MIERUKA_SESSION_MINUTES * 60_000;
    this.registry = new TokenRegistry(credentials, () => clock.now());
    this.uses = new TokenUses(credentials, () => clock.now());
    ingestKeys.issuedBy(async (presented) => {
      const token = await this.registry.find(secretDigest(presented));
      return token?.kind === 'ingest' && token.revokedAt === null && token.expiresAt > clock.now();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    await this.bootstrapAdmin();
    this.reloadTimer = setInterval(() => {
      this.reload().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not re-read access tokens; keeping the last ones');
      });
    }, TOKEN_RELOAD_MS).unref();
    this.usesTimer = setInterval(() => void this.flushUses(), USE_RESOLUTION_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.reloadTimer);
    clearInterval(this.usesTimer);
    await this.flushUses();
  }

  /** Writes the tokens' last uses; a failure only delays them to the next flush. */
  private async flushUses(): Promise<void> {
    await this.uses.flush().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not record when tokens were last used; retrying');
    });
  }

  private async reload(): Promise<void> {
    const [users] = await Promise.all([this.credentials.listUsers(), this.registry.reload()]);
    this.disabledUsers = new Set(users.filter((u) => u.disabled).map((u) => u.username));
    this.userChanges = new Map(users.map((u) => [u.username, u.changedAt]));
  }

  /** MIERUKA_ADMIN_USER / _PASSWORD create the first admin when that user does not exist. */
  private async bootstrapAdmin(): Promise<void> {
    const username = this.env.MIERUKA_ADMIN_USER;
    const password = this.env.MIERUKA_ADMIN_PASSWORD;
    if (!username || !password) return;
    if (await this.credentials.findUser(username)) return;
    await this.addUser({ username, password, tenant: '*', role: 'admin' });
    this.logger.info({ username }, 'created the first admin from the settings');
  }

  /** Users a caller of `tenant` may see: those of that tenant (all of them for `*`). */
  async users(tenant: string): Promise<UserInfo[]> {
    const users = await this.credentials.listUsers(tenant === '*' ? undefined : tenant);
    return users.map(userInfo);
  }

  /** Applies a change; `undefined` when there is no such user in the caller's reach. */
  async updateUser(
    username: string,
    change: UserUpdate,
    callerTenant: string,
  ): Promise<UserInfo | undefined> {
    const user = await this.credentials.findUser(username);
    if (!user || (callerTenant !== '*' && user.tenant !== callerTenant)) return undefined;
    const role = change.role ?? user.role;
    if (role !== 'supervisor' && (change.scopes?.length ?? 0) > 0) {
      throw new UserChangeError('scopes: only a supervisor can be limited to scopes');
    }
    const updated: StoredUser = {
      ...user,
      role,
      // Managers and admins see the whole tenant: a promotion drops a supervisor's limits.
      scopes: role === 'supervisor' ? (change.scopes ?? user.scopes) : [],
      disabled: change.disabled ?? user.disabled,
      passwordHash: change.password ? await hashPassword(change.password) : user.passwordHash,
      changedAt: this.clock.now(),
    };
    await this.credentials.saveUser(updated);
    // Sessions signed before now end here at once (other instances: at their next reload).
    this.userChanges.set(username, updated.changedAt);
    if (updated.disabled || change.password) {
      // A new password or a disabled account ends the sessions it had: renewals at once, and
      // (when disabled) the signed access tokens and open sockets on every instance.
      await this.revokeWhere((t) => t.kind === 'refresh' && t.subject === username);
    }
    if (updated.disabled) {
      this.disabledUsers.add(username);
      for (const listener of this.revokedListeners) listener(userRoom(username));
    } else {
      this.disabledUsers.delete(username);
    }
    return userInfo(updated);
  }

  /** Adds a user; `false` when that username is taken. */
  addUser(user: NewUserInput): Promise<boolean> {
    return addUser(this.credentials, user, this.clock.now());
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
    const token = await this.registry.find(secretDigest(refreshToken));
    const now = this.clock.now();
    if (!token || token.kind !== 'refresh' || token.expiresAt <= now) {
      throw new AuthError('refresh token not recognised or expired');
    }
    if (token.revokedAt !== null) {
      // Every sign-in of the user ends: renewals, access tokens and sockets, at once.
      await this.revokeWhere((t) => t.kind === 'refresh' && t.subject === token.subject);
      for (const listener of this.revokedListeners) listener(userRoom(token.subject));
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
    await this.revoke(token);
    return answer;
  }

  /** Ends the sign-in: its refresh token, and its access tokens and sockets at once. */
  async logout(refreshToken: string): Promise<void> {
    const token = await this.registry.find(secretDigest(refreshToken));
    if (token?.kind !== 'refresh' || token.revokedAt !== null) return;
    await this.revoke(token);
    if (token.session) {
      for (const listener of this.revokedListeners) listener(sessionRoom(token.session));
    }
  }

  private async startSession(
    { username, tenant, role, scopes }: StoredUser,
    session: string = randomUUID(),
  ) {
    const now = this.clock.now();
    const expiresAt = now + this.sessionMs;
    const refreshToken = newSecret('mrt');
    await this.store({
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
    } satisfies SessionAnswer;
  }

  async createDisplayToken(request: NewDisplayToken): Promise<CreatedDisplayToken> {
    const { tenant, wallboard, label, expiresInDays } = newDisplayTokenSchema.parse(request);
    const { stored, secret } = await this.createToken('display', 'mdt', {
      tenant,
      subject: wallboard,
      label,
      expiresInDays,
    });
    return { ...displayInfo(stored, undefined), token: secret };
  }

  /** Display tokens of a tenant (or of every tenant for `*`) that have not expired. */
  async displayTokens(tenant: string): Promise<DisplayTokenInfo[]> {
    const uses = await this.uses.all();
    return this.tokensOf('display', tenant).map((t) => displayInfo(t, uses.get(t.id)));
  }

  /** Revokes a display token (answers it); `undefined` when none with that id is in reach. */
  async revokeDisplayToken(id: string, tenant: string): Promise<DisplayTokenInfo | undefined> {
    const token = await this.revokeToken('display', id, tenant);
    return token && displayInfo(token, undefined);
  }

  /** A new ingest key for one CTI system of one tenant; the key is in this answer only. */
  async createIngestKey(request: NewIngestKey): Promise<CreatedIngestKey> {
    const { tenant, label, expiresInDays } = newIngestKeySchema.parse(request);
    const { stored, secret } = await this.createToken('ingest', 'mik', {
      tenant,
      subject: '',
      label,
      expiresInDays,
    });
    return { ...ingestKeyInfo(stored, undefined), key: secret };
  }

  /** Ingest keys of a tenant (or of every tenant for `*`) that have not expired. */
  async ingestKeys(tenant: string): Promise<IngestKeyInfo[]> {
    const uses = await this.uses.all();
    return this.tokensOf('ingest', tenant).map((t) => ingestKeyInfo(t, uses.get(t.id)));
  }

  /** Revokes an ingest key at once (on every instance within a reload); `undefined` when none. */
  async revokeIngestKey(id: string, tenant: string): Promise<IngestKeyInfo | undefined> {
    const token = await this.revokeToken('ingest', id, tenant);
    return token && ingestKeyInfo(token, undefined);
  }

  /**
   * The tenant an ingest key posts for; `undefined` when it is not an ingest key at all, an
   * AuthError when it is one that was revoked or has expired.
   */
  async authenticateIngestKey(credential: string): Promise<{ tenant: string } | undefined> {
    const token = await this.registry.find(secretDigest(credential));
    if (!token || token.kind !== 'ingest') return undefined;
    if (token.revokedAt !== null) throw new AuthError('ingest key revoked');
    if (token.expiresAt <= this.clock.now()) throw new AuthError('ingest key expired');
    this.uses.touch(token.id);
    return { tenant: token.tenant };
  }

  private async createToken(
    kind: 'display' | 'ingest',
    prefix: string,
    fields: { tenant: string; subject: string; label: string; expiresInDays: number },
  ): Promise<{ stored: StoredToken; secret: string }> {
    const now = this.clock.now();
    const secret = newSecret(prefix);
    const stored: StoredToken = {
      id: randomUUID(),
      kind,
      digest: secretDigest(secret),
      tenant: fields.tenant,
      subject: fields.subject,
      label: fields.label,
      session: '',
      createdAt: now,
      expiresAt: now + fields.expiresInDays * DAY_MS,
      revokedAt: null,
    };
    await this.store(stored);
    return { stored, secret };
  }

  private tokensOf(kind: 'display' | 'ingest', tenant: string): StoredToken[] {
    return this.registry
      .all()
      .filter((t) => t.kind === kind && (tenant === '*' || t.tenant === tenant));
  }

  /** Revokes (idempotently) and answers the token; `undefined` when none is in reach. */
  private async revokeToken(
    kind: 'display' | 'ingest',
    id: string,
    tenant: string,
  ): Promise<StoredToken | undefined> {
    const token = this.registry.get(id);
    if (!token || token.kind !== kind || (tenant !== '*' && token.tenant !== tenant)) {
      return undefined;
    }
    if (token.revokedAt === null) await this.revoke(token);
    return this.registry.get(id) ?? token;
  }

  /** Hears the credential room of every revoked credential (see `credentialRooms`). */
  onRevoked(listener: (credentialRoom: string) => void): void {
    this.revokedListeners.push(listener);
  }

  /** The principal behind a session or display token, or an AuthError saying why not. */
  async authenticate(credential: string): Promise<Principal> {
    const now = this.clock.now();
    if (credential.startsWith('ms1.')) {
      const claims = this.signer.verify(credential, now);
      if ('refused' in claims) throw new AuthError(claims.refused);
      if (this.disabledUsers.has(claims.username)) throw new AuthError('user disabled');
      if (this.registry.sessionEnded(claims.session)) {
        throw new AuthError('signed out: sign in again');
      }
      if (claims.issuedAt < (this.userChanges.get(claims.username) ?? 0)) {
        throw new AuthError('your access changed: refresh the session');
      }
      return { kind: 'user', ...claims };
    }
    const token = await this.registry.find(secretDigest(credential));
    if (!token || token.kind !== 'display') throw new AuthError('token not recognised');
    if (token.revokedAt !== null) throw new AuthError('token revoked');
    if (token.expiresAt <= now) throw new AuthError('token expired');
    this.uses.touch(token.id);
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
      return this.registry.get(principal.tokenId)?.revokedAt === null ? undefined : 'revoked';
    }
    if (this.disabledUsers.has(principal.username)) return 'revoked';
    if (this.registry.sessionEnded(principal.session)) return 'revoked';
    if (principal.issuedAt < (this.userChanges.get(principal.username) ?? 0)) return 'expired';
    return undefined;
  }

  private async store(token: StoredToken): Promise<void> {
    await this.credentials.saveToken(token);
    this.registry.remember(token);
  }

  private async revoke(token: StoredToken): Promise<void> {
    await this.store({ ...token, revokedAt: this.clock.now() });
    if (token.kind === 'display') {
      for (const listener of this.revokedListeners) listener(displayTokenRoom(token.id));
    }
  }

  private async revokeWhere(match: (token: StoredToken) => boolean): Promise<void> {
    for (const token of this.registry.all()) {
      if (match(token) && token.revokedAt === null) await this.revoke(token);
    }
  }
}

function userInfo(user: StoredUser): UserInfo {
  return {
    username: user.username,
    tenant: user.tenant,
    role: user.role,
    scopes: user.scopes,
    createdAt: new Date(user.createdAt).toISOString(),
    disabled: user.disabled,
  };
}

const iso = (at: number | null | undefined): string | null =>
  at === null || at === undefined ? null : new Date(at).toISOString();

function displayInfo(token: StoredToken, lastUsedAt: number | undefined): DisplayTokenInfo {
  return { ...ingestKeyInfo(token, lastUsedAt), wallboard: token.subject };
}

function ingestKeyInfo(token: StoredToken, lastUsedAt: number | undefined): IngestKeyInfo {
  return {
    id: token.id,
    tenant: token.tenant,
    label: token.label,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: new Date(token.expiresAt).toISOString(),
    revokedAt: iso(token.revokedAt),
    lastUsedAt: iso(lastUsedAt),
  };
}
