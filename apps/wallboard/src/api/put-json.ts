import { callApi } from './http';
import { errorText, type Translate } from './error-text';

export type PutJsonResult<T> =
  { readonly ok: true; readonly answer: T } | { readonly ok: false; readonly problems: string[] };

/**
 * Saves what an admin typed in a JSON editor (a wallboard, a tenant's settings) with PUT. A
 * text that is not JSON never leaves the page; a refusal comes back as the API's problems, one
 * per line (it joins them with "; "), or as what went wrong in the page's language.
 */
export async function putJsonText<T>(
  path: string,
  text: string,
  t: Translate,
): Promise<PutJsonResult<T>> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [t('admin.invalidJson', { reason: (error as Error).message })] };
  }
  try {
    return { ok: true, answer: await callApi<T>(path, { method: 'PUT', body }) };
  } catch (error) {
    return { ok: false, problems: errorText(error, t).split('; ') };
  }
}
