import { AuthRequiredError, apiError } from './problem';
import { sessionFetch } from './session';

/** One call to the API: its method, its JSON body, and a signal to abandon it. */
export interface Call {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** What the answer may be: JSON unless said (a CSV download takes anything). */
  readonly accept?: string;
}

/** The response of a call with the session's token (renewed once on 401 by sessionFetch). */
export async function sessionResponse(path: string, call: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: call.accept ?? 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await sessionFetch(path, {
    method: call.method ?? 'GET',
    headers,
    signal: call.signal,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  if (response.status === 401) throw new AuthRequiredError('session ended');
  if (!response.ok) throw await apiError(response);
  return response;
}

/** A body read as JSON; an empty one (204, a DELETE) as undefined. */
async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A JSON call as the signed-in user. Throws AuthRequiredError when there is no session (or it
 * ended), ApiError with the API's reason when it refuses.
 */
export async function callApi<T>(path: string, call: Call = {}): Promise<T> {
  return json<T>(await sessionResponse(path, call));
}

/** A GET that needs no credential (the health check), never answered from the cache. */
export async function callPublic<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    signal,
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw await apiError(response);
  return json<T>(response);
}

/** A query string from the parameters that are set. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
