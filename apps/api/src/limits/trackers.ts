import { normalizeIp } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/**
 * Who a request is counted against. The kind leads the tracker (`address:…`), so a 429 can
 * say which limit was hit; credentials are never kept or sent to Redis in clear, only as a
 * digest (a Redis dump must not hand out ingest keys).
 */
export type TrackerKind = 'address' | 'credential' | 'key';

export const tracker = (kind: TrackerKind, id: string): string => `${kind}:${id}`;

export function kindOf(trackerId: string): TrackerKind {
  const kind = trackerId.slice(0, trackerId.indexOf(':'));
  return kind === 'credential' || kind === 'key' ? kind : 'address';
}

/** The token of `Authorization: Bearer <token>`, as the guards read it. */
export function bearerToken(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
}

/**
 * The client's address as Express resolved it (behind MIERUKA_TRUST_PROXY proxies); an IPv6
 * client counts by its /64, since one host can pick any address inside it.
 */
export function clientAddress(ip: unknown): string {
  return typeof ip === 'string' && ip !== '' ? normalizeIp(ip) : 'unknown';
}

/** Short, stable and one-way: 128 bits of SHA-256. */
export function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
