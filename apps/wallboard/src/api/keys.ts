import type {
  CreatedDisplayToken,
  CreatedIngestKey,
  DisplayTokenInfo,
  IngestKeyInfo,
  NewDisplayToken,
  NewIngestKey,
} from '@mieruka/contracts';
import { callApi, query } from './http';

/** The two kinds of credential an admin lists and revokes: TVs' tokens, systems' keys. */
export type KeyKind = 'display-tokens' | 'ingest-keys';

export function listKeys(
  kind: KeyKind,
  tenant: string,
): Promise<(DisplayTokenInfo | IngestKeyInfo)[]> {
  return callApi(`/api/v1/${kind}${query({ tenant })}`);
}

/** Pairs a TV: the token is in this answer only. */
export function createDisplayToken(token: NewDisplayToken): Promise<CreatedDisplayToken> {
  return callApi<CreatedDisplayToken>('/api/v1/display-tokens', { method: 'POST', body: token });
}

/** A system's ingest key: the key is in this answer only. */
export function createIngestKey(key: NewIngestKey): Promise<CreatedIngestKey> {
  return callApi<CreatedIngestKey>('/api/v1/ingest-keys', { method: 'POST', body: key });
}

export async function revokeKey(kind: KeyKind, id: string): Promise<void> {
  await callApi<unknown>(`/api/v1/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
