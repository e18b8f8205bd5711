import type { AbandonedCall, Role } from '@mieruka/contracts';
import { abandonedRows, type AbandonedRow } from './floor';

/**
 * Who may read a caller's full number: the API's REVEAL_ROLES (libs/contracts/src/callbacks.ts,
 * not importable here: zod stays out of the bundle). The API refuses anyone else; this only
 * hides a button that would be refused.
 */
const REVEAL_ROLES: readonly Role[] = ['admin', 'manager'];

export function canReveal(role: Role | undefined): boolean {
  return role !== undefined && REVEAL_ROLES.includes(role);
}

/**
 * The scope the queue is read for: the page's, unless the user is limited to scopes that do
 * not include it (a supervisor of one team on the page's default, the tenant) — then their
 * first, which the API lets them read.
 */
export function callbackScope(pageScope: string, userScopes: readonly string[]): string {
  return userScopes.length > 0 && !userScopes.includes(pageScope) ? userScopes[0]! : pageScope;
}

/** One abandoned call in the call-back queue: the floor's row, its call and a shown number. */
export interface CallbackRow extends AbandonedRow {
  readonly callId: string;
  /** The full number, once this user asked for it (never kept beyond the page). */
  readonly revealed: string | undefined;
}

/** Newest first, as the floor lists them; `revealed` holds the numbers shown, by call id. */
export function callbackRows(
  calls: readonly AbandonedCall[],
  revealed: ReadonlyMap<string, string>,
): CallbackRow[] {
  const rows = abandonedRows(calls);
  return calls.map((call, i) => ({
    ...rows[i]!,
    callId: call.callId,
    revealed: revealed.get(call.callId),
  }));
}
