import type { WallboardAnswer } from '@mieruka/contracts';
import { credentialFetch, renewCredential, wallboardCredential } from './credential';
import type { Translate } from './error-text';
import { callApi, query } from './http';
import { ApiError, problemDetail } from './problem';
import { putJsonText, type PutJsonResult } from './put-json';

/** Why a wallboard could not be loaded: no credential, a refused one, or anything else. */
export class WallboardLoadError extends Error {
  constructor(
    readonly reason: 'unpaired' | 'revoked' | 'signedOut' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The definition this screen shows: the one in the address (`/w/:id`), else — for a paired TV —
 * the one its display token is bound to, else `default`. A session renews itself once on 401.
 */
export async function loadWallboard(
  id: string | undefined,
  tenant: string | undefined,
): Promise<WallboardAnswer> {
  const credential = wallboardCredential();
  if (!credential) throw new WallboardLoadError('unpaired', 'no display token and no session');
  const query = tenant ? `?tenant=${encodeURIComponent(tenant)}` : '';
  const get = async (path: string): Promise<Response> => {
    let response = await credentialFetch(wallboardCredential() ?? credential, path);
    if (response.status === 401 && (await renewCredential(credential))) {
      response = await credentialFetch(wallboardCredential() ?? credential, path);
    }
    if (response.status === 401) {
      const detail = await problemDetail(response);
      const reason =
        credential.kind === 'session'
          ? 'signedOut'
          : /revoked|expired/.test(detail)
            ? 'revoked'
            : 'unpaired';
      throw new WallboardLoadError(reason, detail);
    }
    if (!response.ok) throw new WallboardLoadError('failed', await problemDetail(response));
    return response;
  };
  let wanted = id;
  if (!wanted && credential.kind === 'display') {
    const list = (await (await get(`/api/v1/wallboards${query}`)).json()) as { id: string }[];
    wanted = list[0]?.id;
  }
  const path = `/api/v1/wallboards/${encodeURIComponent(wanted ?? 'default')}${query}`;
  return (await (await get(path)).json()) as WallboardAnswer;
}

/** A wallboard as the admin page lists it. */
export interface WallboardSummary {
  readonly id: string;
  readonly name: string;
  readonly stored: boolean;
}

export function listWallboards(tenant: string): Promise<WallboardSummary[]> {
  return callApi<WallboardSummary[]>(`/api/v1/wallboards${query({ tenant })}`);
}

/** A wallboard's definition and its tenant's view, as a signed-in user reads it. */
export function fetchWallboard(id: string, tenant: string): Promise<WallboardAnswer> {
  return callApi<WallboardAnswer>(
    `/api/v1/wallboards/${encodeURIComponent(id)}${query({ tenant })}`,
  );
}

/** Saves a definition typed as JSON: the API's problems, one a line, when it refuses. */
export function saveWallboard(
  id: string,
  text: string,
  t: Translate,
): Promise<PutJsonResult<WallboardAnswer>> {
  return putJsonText<WallboardAnswer>(`/api/v1/wallboards/${encodeURIComponent(id)}`, text, t);
}

/** Deletes a stored definition; one already gone (404) counts as deleted. */
export async function deleteWallboard(id: string, tenant: string): Promise<void> {
  try {
    await callApi<unknown>(`/api/v1/wallboards/${encodeURIComponent(id)}${query({ tenant })}`, {
      method: 'DELETE',
    });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}
