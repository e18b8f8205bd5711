import { z } from 'zod';
import { roleSchema } from './auth';
import { tenantIdSchema, timestampSchema } from './event';

/**
 * The audit log: every change made through the admin API — who (user name and role), when,
 * for which tenant, what (action, target id, a summary). Summaries name the fields that
 * changed and never carry a secret: a new password is recorded as `password: "changed"`, a
 * display token by its id, never by the token. Admins read their tenant's entries
 * (`GET /api/v1/audit`).
 */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.update',
  'display-token.create',
  'display-token.revoke',
  'ingest-key.create',
  'ingest-key.revoke',
  'wallboard.save',
  'wallboard.delete',
  'tenant.save',
  'adapter.save',
  'alerts.save',
  // Written by the API itself (actor `mieruka`): each alert sent, and each given up on.
  'alert.sent',
  'alert.failed',
  // Not a change but a read worth knowing of: a manager or admin exported stored events.
  'events.export',
  // The call-back workflow (callbacks.ts): a call marked called back, a caller's number read.
  'call.called-back',
  'call.caller-revealed',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.output<typeof auditActionSchema>;

/** Flat and short: what changed, field by field (see audit-changes.ts for each action's). */
export const auditSummarySchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type AuditSummary = z.output<typeof auditSummarySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  /** When the change was made (ISO 8601, UTC). */
  at: z.string(),
  /** The tenant the change concerns; `*` for a user of every tenant. */
  tenant: z.string(),
  /** The admin who made it: user name, role, and the tenant they act for (`*`: all). */
  actor: z.string(),
  actorRole: roleSchema,
  actorTenant: z.string(),
  action: auditActionSchema,
  /** The id of what changed: a user name, a display token's id, a wallboard's id. */
  target: z.string(),
  summary: auditSummarySchema,
  /** The request's correlation id, as in the log line and the `X-Request-Id` header. */
  requestId: z.string(),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;

/** Most entries one request answers. */
export const MAX_AUDIT_ENTRIES = 1000;

export const auditQuerySchema = z.object({
  /** One tenant's entries (an admin of one tenant: only their own, the default). */
  tenant: tenantIdSchema.optional(),
  /** From this time, inclusive (default: the beginning). */
  from: timestampSchema.optional(),
  /** Up to this time, exclusive (default: now). */
  to: timestampSchema.optional(),
  /** The newest this many entries of the range (default 100). */
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_ENTRIES).default(100),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
