import { problemDetail, sessionFetch } from './session';

export type PutJsonResult<T> =
  { readonly ok: true; readonly answer: T } | { readonly ok: false; readonly problems: string[] };

/**
 * Saves what an admin typed in a JSON editor (a wallboard, a tenant's settings) with PUT. A
 * text that is not JSON never leaves the page (`notJson` words the reason); a refusal comes
 * back as the API's problems, one per line (it joins them with "; ").
 */
export async function putJsonText<T>(
  path: string,
  text: string,
  notJson: (reason: string) => string,
): Promise<PutJsonResult<T>> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [notJson((error as Error).message)] };
  }
  const response = await sessionFetch(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) return { ok: false, problems: (await problemDetail(response)).split('; ') };
  return { ok: true, answer: (await response.json()) as T };
}
