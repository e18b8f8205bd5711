import type { AbandonedCall, CalledBack, LiveFloor, RevealedCaller } from '@mieruka/contracts';
import { callApi, query } from './http';

/**
 * The call-back workflow (docs/api.md, "Calling back abandoned calls"): the queue is the
 * floor's list of today's abandoned calls (masked numbers); a mark and a reveal are POSTs on
 * one call, the reveal answered to managers and admins only and audited by the API.
 */

/** Today's latest abandoned calls of a scope, newest first, as the floor lists them. */
export async function listAbandoned(tenant: string, scope: string): Promise<AbandonedCall[]> {
  const floor = await callApi<LiveFloor>(`/api/v1/live/floor${query({ tenant, scope })}`);
  return floor.abandoned;
}

const callPath = (tenant: string, callId: string, action: 'called-back' | 'caller') =>
  `/api/v1/abandoned-calls/${encodeURIComponent(callId)}/${action}${query({ tenant })}`;

/** Marks the call called back; marking again changes nothing (`alreadyMarked`). */
export function markCalledBack(tenant: string, callId: string): Promise<CalledBack> {
  return callApi<CalledBack>(callPath(tenant, callId, 'called-back'), { method: 'POST' });
}

/** The caller's full number (managers and admins; each read audited). */
export function revealCaller(tenant: string, callId: string): Promise<RevealedCaller> {
  return callApi<RevealedCaller>(callPath(tenant, callId, 'caller'), { method: 'POST' });
}
