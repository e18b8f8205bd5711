import { ApiError, AuthRequiredError } from './problem';

/** vue-i18n's `t`, as much of it as the wording needs. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * An error as a panel shows it, in the page's language: the API's own reason when it gave one
 * (kept verbatim: admins search the docs for it), else what happened in the reader's words.
 */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    return error.detail ?? t('api.status', { status: error.status });
  }
  if (error instanceof AuthRequiredError) return t('api.signedOut');
  // What fetch throws when the network or the server is down.
  if (error instanceof TypeError) return t('api.unreachable');
  return error instanceof Error ? error.message : String(error);
}
