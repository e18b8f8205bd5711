/**
 * What the API says when it refuses: problem JSON (`detail`, else `title`) or Nest's older
 * body (`message`, a string or a list), read robustly while the API moves to problem JSON.
 * Pure, so the reading is unit-tested without a browser.
 */

/** A refusal by the API: its status, and its own words when it gave any. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    /** The API's reason (problem JSON's `detail`); null when the body said nothing readable. */
    readonly detail: string | null,
  ) {
    super(detail ?? `HTTP ${status}`);
  }
}

/** The session is gone (or never was): the page sends its user to sign in. */
export class AuthRequiredError extends Error {
  override readonly name = 'AuthRequiredError';
}

const text = (value: unknown): string | null => {
  if (typeof value === 'string' && value.trim()) return value;
  if (Array.isArray(value)) {
    const lines = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return lines.length > 0 ? lines.join('; ') : null;
  }
  return null;
};

/** The reason in an error body: `detail`, then `message`, then `title`. */
export function problemText(body: unknown): string | null {
  if (typeof body === 'string') return text(body);
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  return text(fields['detail']) ?? text(fields['message']) ?? text(fields['title']);
}

/** Reads a refused response into an ApiError (a body that is not JSON reads as no reason). */
export async function apiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status alone
  }
  return new ApiError(response.status, problemText(body));
}

/** The refusal's reason, else the status line: what a panel shows under "could not …". */
export async function problemDetail(response: Response): Promise<string> {
  const error = await apiError(response);
  return error.detail ?? `${response.status} ${response.statusText}`.trim();
}
