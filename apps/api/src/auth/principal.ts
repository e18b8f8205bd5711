import type { Role } from '@mieruka/contracts';

/** Who is calling, established once per request or socket from its credential. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly username: string;
      /** A tenant id or `*` (every tenant). */
      readonly tenant: string;
      readonly role: Role;
      /** A supervisor's scopes; empty: the whole tenant. */
      readonly scopes: readonly string[];
      readonly issuedAt: number;
      readonly expiresAt: number;
      /** The sign-in this session token continues (empty for tokens signed before ids). */
      readonly session: string;
    }
  | {
      readonly kind: 'display';
      readonly tokenId: string;
      readonly tenant: string;
      readonly wallboard: string;
      readonly expiresAt: number;
    };

/** What a route allows: user roles, and `display` for a TV's token. */
export type Access = Role | 'display';

export function accessOf(principal: Principal): Access {
  return principal.kind === 'user' ? principal.role : 'display';
}

/** Who made a change, as stored beside it: a user's name, or a display token's id. */
export function actorName(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : principal.tokenId;
}

export function mayReadTenant(principal: Principal, tenant: string): boolean {
  return principal.tenant === '*' || principal.tenant === tenant;
}

/** Why a user limited to some scopes may not see this one (undefined: they may). */
export function scopeRefusal(principal: Principal, scope: string): string | undefined {
  if (principal.kind !== 'user' || principal.scopes.length === 0) return undefined;
  if (principal.scopes.includes(scope)) return undefined;
  return `${principal.username} may see only ${principal.scopes.join(', ')}`;
}

/**
 * The socket rooms every connection of one credential joins, so a revocation can disconnect
 * them all — on every API instance, through the Socket.IO adapter: a user's (disabled) and
 * the sign-in's (logged out), or a display token's.
 */
export function credentialRooms(principal: Principal): string[] {
  if (principal.kind === 'display') return [displayTokenRoom(principal.tokenId)];
  const user = userRoom(principal.username);
  return principal.session ? [user, sessionRoom(principal.session)] : [user];
}

export function userRoom(username: string): string {
  return `user:${username}`;
}

export function displayTokenRoom(tokenId: string): string {
  return `token:${tokenId}`;
}

export function sessionRoom(session: string): string {
  return `session:${session}`;
}
