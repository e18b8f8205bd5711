import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { roleSchema, userTenantSchema, type Role } from '@mieruka/contracts';

/** What a session token says about its holder. */
export interface SessionClaims {
  readonly username: string;
  readonly tenant: string;
  readonly role: Role;
  /** A supervisor's scopes; empty: the whole tenant. */
  readonly scopes: readonly string[];
  /** Epoch ms it was signed at: an admin's later change to the user ends it. */
  readonly issuedAt: number;
  /** Epoch ms after which the token is refused. */
  readonly expiresAt: number;
  /** The sign-in it belongs to: a logout ends it (empty in tokens signed before sign-ins had ids). */
  readonly session: string;
}

const claimsSchema = z.object({
  username: z.string(),
  tenant: userTenantSchema,
  role: roleSchema,
  scopes: z.array(z.string()),
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
  session: z.string().max(64).default(''),
});

const PREFIX = 'ms1';

/**
 * Short-lived session tokens: `ms1.<claims as base64url JSON>.<HMAC-SHA256 of both>`. Signed
 * rather than stored, so every API instance sharing the secret accepts them without a lookup;
 * being short-lived (minutes) is what bounds a stolen one, and the refresh token (stored,
 * revocable) is what renews them. One fixed algorithm, so there is no header to trick.
 */
export class SessionSigner {
  private readonly key: Buffer;

  /** `secret` is shared by the instances (MIERUKA_SESSION_SECRET); random when not given. */
  constructor(secret?: string) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(claims: SessionClaims): string {
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return `${PREFIX}.${body}.${this.mac(body)}`;
  }

  /** The claims of a genuine, unexpired token; otherwise why it is refused. */
  verify(token: string, now: number): SessionClaims | { refused: string } {
    const [prefix, body, mac, ...rest] = token.split('.');
    if (prefix !== PREFIX || !body || !mac || rest.length > 0)
      return { refused: 'malformed token' };
    const expected = Buffer.from(this.mac(body), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { refused: 'token signature does not match' };
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { refused: 'malformed token' };
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success) return { refused: 'malformed token' };
    if (claims.data.expiresAt <= now) return { refused: 'session expired' };
    return claims.data;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(`${PREFIX}.${body}`).digest('base64url');
  }
}
