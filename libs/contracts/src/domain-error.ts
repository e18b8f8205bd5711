/**
 * What went wrong, in the domain's words: the one base every refusal the caller can act on
 * extends. The API maps the kind to an HTTP status in one place (its problem filter), so
 * services and libraries say "not found" or "invalid" and never speak HTTP. The message is
 * shown to the caller: it must never hold a secret.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'too-many'
  | 'unavailable';

export interface DomainErrorOptions {
  /** A stable machine code (`user.scopes-need-supervisor`); the kind when not given. */
  readonly code?: string;
  /** Seconds after which the same request may succeed (busy or unavailable). */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly retryAfterSeconds: number | undefined;
  private readonly givenCode: string | undefined;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.givenCode = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The machine code a client can branch on; the kind unless a finer one was given. */
  get code(): string {
    return this.givenCode ?? this.kind;
  }
}

/** The request itself is wrong (a field, a range, a body); sending it again will not help. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid';
}

/** No credential, or one that is not (or no longer) good. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  /** The challenge a client should answer (`Bearer realm="…"`), when the refuser knows it. */
  readonly challenge: string | undefined;

  constructor(message: string, options: DomainErrorOptions & { challenge?: string } = {}) {
    super(message, options);
    this.challenge = options.challenge;
  }
}

/** A known caller asking for what is not theirs. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

/** Nothing of that name or id within the caller's reach. */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
}

/** The change clashes with what is stored (a name taken). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** More than one request may carry. */
export class TooLarge extends DomainError {
  readonly kind = 'too-large';
}

/** This caller's share is taken: retry later. */
export class TooManyRequests extends DomainError {
  readonly kind = 'too-many';
}

/** A dependency (the store, Kafka) or the whole intake cannot take it now: retry later. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
}
