import type { AdapterAnswer, HealthAnswer } from '@mieruka/contracts';
import { callApi, callPublic } from './http';

/** The adapters an admin administers, with where their settings come from. */
export function listAdapters(): Promise<AdapterAnswer[]> {
  return callApi<AdapterAnswer[]>('/api/v1/adapters');
}

/** The API's health, adapters' links and counters included: public, never cached. */
export function fetchHealth(signal?: AbortSignal): Promise<HealthAnswer> {
  return callPublic<HealthAnswer>('/api/v1/health', signal);
}
