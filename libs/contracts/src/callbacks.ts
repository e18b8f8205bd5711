import { z } from 'zod';
import type { AuditChange } from './audit-changes';
import { tenantIdSchema } from './event';

/**
 * The call-back workflow for today's abandoned calls (docs/api.md, docs/wallboard.md): a
 * supervisor, manager or admin marks a call called back (a stored `callback.marked` event);
 * a manager or admin may read the caller's full number, each read audited. The number itself
 * is never in an audit entry, a log line or the floor.
 */

/** Who may read a caller's full number: the roles above a supervisor. */
export const REVEAL_ROLES = ['admin', 'manager'] as const;
/** Who may mark an abandoned call called back. */
export const CALL_BACK_ROLES = ['admin', 'manager', 'supervisor'] as const;

export const abandonedCallQuerySchema = z.object({
  tenant: tenantIdSchema.default('default'),
});

/** The answer to a mark: when the call counts as called back, and whether it already did. */
export const calledBackSchema = z.object({
  callId: z.string(),
  /** When the mark was made (the first mark's instant is the one the floor shows). */
  markedAt: z.string(),
  /** True when the call had been marked before: marking again changes nothing. */
  alreadyMarked: z.boolean(),
});
export type CalledBack = z.output<typeof calledBackSchema>;

/** The answer to a reveal: the number as the source sent it. */
export const revealedCallerSchema = z.object({
  callId: z.string(),
  caller: z.string(),
});
export type RevealedCaller = z.output<typeof revealedCallerSchema>;

/** The audit entry of a mark: who (the entry's actor) marked which call. */
export function calledBackMarked(
  tenant: string,
  callId: string,
  alreadyMarked: boolean,
): AuditChange {
  return { action: 'call.called-back', tenant, target: callId, summary: { alreadyMarked } };
}

/** The audit entry of a reveal: who read which call's number — never the number. */
export function callerRevealed(tenant: string, callId: string): AuditChange {
  return { action: 'call.caller-revealed', tenant, target: callId, summary: {} };
}
