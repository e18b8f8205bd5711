import { HttpException, HttpStatus } from '@nestjs/common';

/** What was counted, in the words a caller reads in the 429's `detail`. */
export type LimitKind = 'address' | 'credential' | 'key' | 'login';

const COUNTED: Record<LimitKind, string> = {
  address: 'requests from this address',
  credential: 'requests with this token',
  key: 'requests with this ingest key',
  login: 'failed sign-ins for this user from this address',
};

/** "60 s", "15 min": windows are whole seconds, and sign-in windows whole minutes. */
function span(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * A 429 as the problem filter renders it: the detail says which limit, how much, and when
 * to come back; `Retry-After` says the same to machines (whole seconds, at least 1).
 */
export function tooManyRequests(
  kind: LimitKind,
  limit: number,
  windowMs: number,
  retryAfterMs: number,
): HttpException {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpException(
    {
      message: `too many ${COUNTED[kind]}: at most ${limit} per ${span(windowMs)}; retry after ${retryAfter} s`,
      headers: { 'Retry-After': String(retryAfter) },
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
