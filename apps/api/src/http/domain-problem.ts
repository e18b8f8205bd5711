import { HttpStatus } from '@nestjs/common';
import type { DomainError, DomainErrorKind } from '@mieruka/contracts';

/** The one place a domain error's kind becomes an HTTP status. */
const STATUS: Readonly<Record<DomainErrorKind, HttpStatus>> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  'too-many': HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** How a domain error is answered: its status, the caller-safe detail, code and headers. */
export interface DomainProblem {
  readonly status: HttpStatus;
  readonly detail: string;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;
}

export function domainProblem(error: DomainError): DomainProblem {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(error.retryAfterSeconds);
  }
  const challenge = (error as { challenge?: unknown }).challenge;
  if (typeof challenge === 'string') headers['WWW-Authenticate'] = challenge;
  return { status: STATUS[error.kind], detail: error.message, code: error.code, headers };
}
