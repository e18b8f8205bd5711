import type { Role } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { chTime, isoFromChTime } from './time';

export interface StoredUser {
  readonly username: string;
  /** A tenant id, or `*` for every tenant. */
  readonly tenant: string;
  readonly role: Role;
  /** The scopes a supervisor is limited to; empty: the whole tenant. */
  readonly scopes: readonly string[];
  readonly passwordHash: string;
  readonly createdAt: number;
  readonly disabled: boolean;
  /** When an admin last changed the user (sessions signed before that are refused). */
  readonly changedAt: number;
}

/** A TV's display token, a session's refresh token, a CTI system's ingest key. */
export type TokenKind = 'display' | 'refresh' | 'ingest';

export interface StoredToken {
  readonly id: string;
  readonly kind: TokenKind;
  /** Hex SHA-256 of the secret. */
  readonly digest: string;
  readonly tenant: string;
  /** The wallboard of a display token, the username of a refresh token; empty for ingest. */
  readonly subject: string;
  readonly label: string;
  /** A refresh token's sign-in, shared by the tokens that continue it; empty otherwise. */
  readonly session: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
}

interface UserRow {
  username: string;
  tenant: string;
  role: Role;
  scopes: string[];
  changed_at: string;
  password_hash: string;
  created_at: string;
  disabled: boolean | number;
}

interface TokenRow {
  id: string;
  kind: TokenKind;
  digest: string;
  tenant: string;
  subject: string;
  label: string;
  session: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const epoch = (text: string): number => Date.parse(isoFromChTime(text));

const userOf = (row: UserRow): StoredUser => ({
  username: row.username,
  tenant: row.tenant,
  role: row.role,
  scopes: row.scopes,
  changedAt: epoch(row.changed_at),
  passwordHash: row.password_hash,
  createdAt: epoch(row.created_at),
  disabled: Boolean(row.disabled),
});

/**
 * Users and access tokens in ClickHouse, next to the events: one store to back up, shared by
 * every API instance in a scaled-out set-up. Each write is a new row version (see migration 3).
 */
export class CredentialStore {
  private lastVersion = 0;

  constructor(private readonly store: StoreClient) {}

  /** Strictly increasing, so two writes in one millisecond still order. */
  private nextVersion(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now());
    return this.lastVersion;
  }

  async saveUser(user: StoredUser): Promise<void> {
    await this.store.client.insert({
      table: `${this.store.database}.users`,
      format: 'JSONEachRow',
      values: [
        {
          username: user.username,
          tenant: user.tenant,
          role: user.role,
          scopes: user.scopes,
          password_hash: user.passwordHash,
          created_at: chTime(user.createdAt),
          disabled: user.disabled,
          changed_at: chTime(user.changedAt),
          version: this.nextVersion(),
        },
      ],
    });
  }

  async findUser(username: string): Promise<StoredUser | undefined> {
    return this.userWhere('username = {username:String}', username);
  }

  /** The user whose name equals this one but for case (`ROOT` finds `root`). */
  async findUserIgnoringCase(username: string): Promise<StoredUser | undefined> {
    return this.userWhere('lowerUTF8(username) = lowerUTF8({username:String})', username);
  }

  private async userWhere(condition: string, username: string): Promise<StoredUser | undefined> {
    const result = await this.store.client.query({
      query: `SELECT username, tenant, role, scopes, password_hash, created_at, disabled, changed_at
        FROM ${this.store.database}.users FINAL WHERE ${condition} LIMIT 1`,
      query_params: { username },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<UserRow>();
    return row ? userOf(row) : undefined;
  }

  /** Every user of a tenant (and the users of every tenant, `*`), or of all tenants. */
  async listUsers(tenant?: string): Promise<StoredUser[]> {
    const result = await this.store.client.query({
      query: `SELECT username, tenant, role, scopes, password_hash, created_at, disabled, changed_at
        FROM ${this.store.database}.users FINAL
        ${tenant === undefined ? '' : 'WHERE tenant = {tenant:String}'}
        ORDER BY username`,
      query_params: { tenant },
      format: 'JSONEachRow',
    });
    return (await result.json<UserRow>()).map(userOf);
  }

  async saveToken(token: StoredToken): Promise<void> {
    await this.store.client.insert({
      table: `${this.store.database}.access_tokens`,
      format: 'JSONEachRow',
      values: [
        {
          id: token.id,
          kind: token.kind,
          digest: token.digest,
          tenant: token.tenant,
          subject: token.subject,
          label: token.label,
          session: token.session,
          created_at: chTime(token.createdAt),
          expires_at: chTime(token.expiresAt),
          revoked_at: token.revokedAt === null ? null : chTime(token.revokedAt),
          version: this.nextVersion(),
        },
      ],
    });
  }

  /** Every token that has not expired by `since` (revoked ones included: they must stay refused). */
  async tokensValidAfter(since: number): Promise<StoredToken[]> {
    const result = await this.store.client.query({
      query: `SELECT id, kind, digest, tenant, subject, label, session, created_at, expires_at,
          revoked_at
        FROM ${this.store.database}.access_tokens FINAL
        WHERE expires_at > {since:DateTime64(3, 'UTC')}
        ORDER BY created_at`,
      query_params: { since: chTime(since) },
      format: 'JSONEachRow',
    });
    return (await result.json<TokenRow>()).map((row) => ({
      id: row.id,
      kind: row.kind,
      digest: row.digest,
      tenant: row.tenant,
      subject: row.subject,
      label: row.label,
      session: row.session,
      createdAt: epoch(row.created_at),
      expiresAt: epoch(row.expires_at),
      revokedAt: row.revoked_at === null ? null : epoch(row.revoked_at),
    }));
  }

  /** Records when tokens were last presented (one row per token and flush; the newest wins). */
  async recordUses(uses: ReadonlyMap<string, number>): Promise<void> {
    if (uses.size === 0) return;
    await this.store.client.insert({
      table: `${this.store.database}.token_uses`,
      format: 'JSONEachRow',
      values: [...uses].map(([id, at]) => ({ id, last_used_at: chTime(at) })),
    });
  }

  /** When each token was last presented, as recorded by every instance. */
  async lastUses(): Promise<Map<string, number>> {
    const result = await this.store.client.query({
      query: `SELECT id, max(last_used_at) AS last_used_at
        FROM ${this.store.database}.token_uses GROUP BY id`,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ id: string; last_used_at: string }>();
    return new Map(rows.map((row) => [row.id, epoch(row.last_used_at)]));
  }
}
