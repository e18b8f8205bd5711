import { REDACTED } from '../http/redaction';

/** The one method used of nestjs-pino's `Logger` (Nest's logger contract: the context last). */
export interface WarnLogger {
  warn(message: object, context: string): void;
}

/** `user:password@` in a URL, as in `redis://:secret@host:6379`. */
const URL_CREDENTIALS = /(\/\/)[^/@\s]*@/g;

const withoutCredentials = (text: string): string =>
  text.replace(URL_CREDENTIALS, `$1${REDACTED}@`);

/**
 * One warning line for a Redis client error. nestjs-pino's Logger takes the last argument as
 * the context, so `warn({ err }, 'redis: …')` lost the sentence into `context`: the message
 * goes in the object's `msg`. The error's text passes through without a URL's credentials.
 */
export function logRedisProblem(logger: WarnLogger, error: unknown): void {
  // A copy with the credentials taken out, still an Error so pino serialises its type and stack.
  const err = new Error(withoutCredentials(error instanceof Error ? error.message : String(error)));
  if (error instanceof Error) {
    err.name = error.name;
    err.stack = withoutCredentials(error.stack ?? '');
  }
  logger.warn({ err, msg: 'redis: connection problem (the client reconnects by itself)' }, 'Redis');
}
