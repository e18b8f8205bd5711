import type { AuditEntry } from '@mieruka/contracts';
import { callApi, query } from './http';

/** The audit log, newest first, at most `limit` entries. */
export function listAudit(limit: number): Promise<AuditEntry[]> {
  return callApi<AuditEntry[]>(`/api/v1/audit${query({ limit })}`);
}
