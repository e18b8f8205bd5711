import { Unauthenticated } from '@mieruka/contracts';

/** Why a credential was refused; the message is safe to show the caller (never the credential). */
export class AuthError extends Unauthenticated {
  override readonly name = 'AuthError';
}

/**
 * For a guard: a refusal rethrown with the challenge its clients answer (RFC 6750's
 * `WWW-Authenticate`), which only the route knows; anything else passes through unchanged.
 */
export function challenged(challenge: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof Unauthenticated) {
      throw new AuthError(error.message, { code: error.code, challenge, cause: error });
    }
    throw error;
  };
}
