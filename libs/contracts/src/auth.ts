import { z } from 'zod';
import { tenantIdSchema } from './event';
import { scopeSchema } from './kpi-snapshot';

/**
 * Who may do what. A user has one role, for one tenant or for all (`*`, for the operators who
 * run Mieruka itself); a display token is a TV's read-only credential for one tenant and one
 * wallboard. Sessions are short-lived signed tokens renewed with a refresh token; display and
 * refresh tokens are random, shown once and stored only as digests.
 */
export const roleSchema = z.enum(['admin', 'manager', 'supervisor']);
export type Role = z.output<typeof roleSchema>;

/** A tenant id, or `*` for a user of every tenant. */
export const userTenantSchema = z.union([z.literal('*'), tenantIdSchema]);

export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{3,64}$/, 'must be 3–64 letters, digits or . _ @ -');

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

/**
 * What a supervisor may watch when limited to part of the floor (`team:blue`, `queue:orders`);
 * empty: the whole tenant. Other roles are never limited.
 */
export const userScopesSchema = z.array(scopeSchema).max(32, 'at most 32 scopes');

const onlySupervisorsLimited = (user: { role?: Role | undefined; scopes?: string[] | undefined }) =>
  !user.scopes?.length || user.role === undefined || user.role === 'supervisor';
const ONLY_SUPERVISORS = {
  message: 'only a supervisor can be limited to scopes',
  path: ['scopes'],
};

export const newUserSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    tenant: userTenantSchema,
    role: roleSchema,
    scopes: userScopesSchema.default([]),
  })
  .refine(onlySupervisorsLimited, ONLY_SUPERVISORS);
export type NewUser = z.output<typeof newUserSchema>;
/** A new user as written (no scopes: the whole tenant). */
export type NewUserInput = z.input<typeof newUserSchema>;

/** A change to a user; each field optional. Disabling ends the user's sessions everywhere. */
export const userUpdateSchema = z
  .object({
    password: passwordSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    scopes: userScopesSchema.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'nothing to change')
  .refine(onlySupervisorsLimited, ONLY_SUPERVISORS);
export type UserUpdate = z.output<typeof userUpdateSchema>;

/** A user as listed: never the password hash. */
export interface UserInfo {
  readonly username: string;
  readonly tenant: string;
  readonly role: Role;
  /** The scopes a supervisor is limited to; empty: the whole tenant. */
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly disabled: boolean;
}

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(256) });

/** What a successful login or refresh answers. */
export interface SessionAnswer {
  readonly accessToken: string;
  /** When the access token stops working (ISO, by the server's clock); refresh before then. */
  readonly expiresAt: string;
  /**
   * How long it works from this answer, in ms: a client times its renewal with this, since
   * its own clock may differ from the server's by more than the token lasts.
   */
  readonly expiresInMs: number;
  /** Single use: a refresh answers a new one. */
  readonly refreshToken: string;
  readonly user: {
    readonly username: string;
    readonly tenant: string;
    readonly role: Role;
    readonly scopes: readonly string[];
  };
}

/** A wallboard's id: part of its address (`/w/<id>`) and of a display token's binding. */
export const wallboardIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, _ or -');

export const newDisplayTokenSchema = z.object({
  tenant: tenantIdSchema,
  wallboard: wallboardIdSchema,
  label: z.string().max(120).default(''),
  /** A TV stays paired for a long time; the default is a year. */
  expiresInDays: z.number().int().min(1).max(3650).default(365),
});
export type NewDisplayToken = z.input<typeof newDisplayTokenSchema>;

/** A display token as listed: never the token itself, which is shown once at creation. */
export interface DisplayTokenInfo {
  readonly id: string;
  readonly tenant: string;
  readonly wallboard: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  /** When the TV last presented it (to the minute), or null when never. */
  readonly lastUsedAt: string | null;
}

export interface CreatedDisplayToken extends DisplayTokenInfo {
  /** The secret for the TV: shown this once, stored only as a digest. */
  readonly token: string;
}

/**
 * An ingest key: the credential of one CTI system (a PBX, a dialer, an order desk) posting the
 * events of one tenant — the `ingest` role. Made by an admin, shown once, stored as a digest.
 */
export const newIngestKeySchema = z.object({
  tenant: tenantIdSchema,
  /** Which system holds it, so the list says what revoking it stops. */
  label: z.string().trim().min(1, 'name the system that will use the key').max(120),
  /** Systems are rarely re-keyed; the default is ten years. */
  expiresInDays: z.number().int().min(1).max(3650).default(3650),
});
export type NewIngestKey = z.input<typeof newIngestKeySchema>;

/** An ingest key as listed: never the key itself. */
export interface IngestKeyInfo {
  readonly id: string;
  readonly tenant: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  /** When a request last presented it (to the minute), or null when never. */
  readonly lastUsedAt: string | null;
}

export interface CreatedIngestKey extends IngestKeyInfo {
  /** The secret for the sending system: shown this once. */
  readonly key: string;
}

/** The `auth` payload of the Socket.IO handshake (never the query string, which gets logged). */
export const socketAuthSchema = z.object({ token: z.string().min(1).max(1024) });
