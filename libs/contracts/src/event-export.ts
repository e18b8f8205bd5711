import { z } from 'zod';
import type { AuditChange } from './audit-changes';
import { tenantIdSchema, timestampSchema } from './event';
import { scopeSchema } from './kpi-snapshot';

/**
 * The longest range one export covers: a month, so "this month by day" can be audited in one
 * go while a request never scans a year of a large floor (30 days of 500 agents is about
 * 30M events, a few GB of NDJSON). Longer audits are several exports, concatenated.
 */
export const MAX_EXPORT_DAYS = 31;
const MAX_EXPORT_MS = MAX_EXPORT_DAYS * 24 * 60 * 60 * 1000;

/** The media type of an export: one canonical event per line, as `mieruka kpi` reads it. */
export const EVENT_EXPORT_MEDIA_TYPE = 'application/x-ndjson';

/**
 * `GET /api/v1/events` (and `mieruka export`): the stored events behind a number, for
 * `mieruka kpi` to recompute it. `[from, to)` like a history bucket; `scope` keeps the events
 * that count in that scope (docs/kpis.md, Which events count).
 */
export const eventExportQuerySchema = z
  .object({
    tenant: tenantIdSchema.default('default'),
    scope: scopeSchema.default('tenant'),
    /** Start of the range, inclusive. */
    from: timestampSchema,
    /** End of the range, exclusive. */
    to: timestampSchema,
  })
  .superRefine((query, context) => {
    const span = Date.parse(query.to) - Date.parse(query.from);
    if (span <= 0) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (span > MAX_EXPORT_MS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${MAX_EXPORT_DAYS} days after from`,
      });
    }
  });
export type EventExportQuery = z.output<typeof eventExportQuerySchema>;

/**
 * The audit entry of an export: who read which events (the range, the scope, how many), as
 * the query named them. Built from named fields only, so no credential can reach the log.
 */
export function eventsExported(query: EventExportQuery, events: number): AuditChange {
  return {
    action: 'events.export',
    tenant: query.tenant,
    target: query.scope,
    summary: { scope: query.scope, from: query.from, to: query.to, events },
  };
}
