import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IngestKeyInfo } from '@mieruka/contracts';
import type { StoredToken } from '@mieruka/store';
import { CLOCK, type Clock } from '../config/tokens';
import { CredentialState } from './credential-state';
import { newSecret, secretDigest } from './secrets';

const DAY_MS = 86_400_000;

/** The kinds of token an admin issues: a TV's display token, a system's ingest key. */
export type IssuedKind = 'display' | 'ingest';

/** What an admin asks for; the subject is the wallboard of a display token, empty for a key. */
export interface TokenRequest {
  readonly tenant: string;
  readonly subject: string;
  readonly label: string;
  readonly expiresInDays: number;
}

/**
 * Issues, lists and revokes the tokens admins hand out. The secret is random and answered
 * once; only its SHA-256 digest is stored.
 */
@Injectable()
export class TokenIssuer {
  constructor(
    @Inject(CredentialState) private readonly state: CredentialState,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(
    kind: IssuedKind,
    prefix: string,
    request: TokenRequest,
  ): Promise<{ stored: StoredToken; secret: string }> {
    const now = this.clock.now();
    const secret = newSecret(prefix);
    const stored: StoredToken = {
      id: randomUUID(),
      kind,
      digest: secretDigest(secret),
      tenant: request.tenant,
      subject: request.subject,
      label: request.label,
      session: '',
      createdAt: now,
      expiresAt: now + request.expiresInDays * DAY_MS,
      revokedAt: null,
    };
    await this.state.store(stored);
    return { stored, secret };
  }

  /** Tokens of a kind of a tenant (or of every tenant for `*`), with their last use. */
  async list(
    kind: IssuedKind,
    tenant: string,
  ): Promise<{ token: StoredToken; lastUsedAt: number | undefined }[]> {
    const uses = await this.state.lastUses();
    return this.state
      .all()
      .filter((t) => t.kind === kind && (tenant === '*' || t.tenant === tenant))
      .map((token) => ({ token, lastUsedAt: uses.get(token.id) }));
  }

  /** Revokes (idempotently) and answers the token; `undefined` when none is in reach. */
  async revoke(kind: IssuedKind, id: string, tenant: string): Promise<StoredToken | undefined> {
    const token = this.state.byId(id);
    if (!token || token.kind !== kind || (tenant !== '*' && token.tenant !== tenant)) {
      return undefined;
    }
    if (token.revokedAt === null) await this.state.revoke(token);
    return this.state.byId(id) ?? token;
  }
}

const iso = (at: number | null | undefined): string | null =>
  at === null || at === undefined ? null : new Date(at).toISOString();

/** What is shown of an issued token (never its secret or digest). */
export function issuedTokenInfo(token: StoredToken, lastUsedAt: number | undefined): IngestKeyInfo {
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
