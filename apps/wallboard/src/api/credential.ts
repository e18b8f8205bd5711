import { pairedDisplayToken } from '../composables/displayToken';
import { refreshSession, session } from './session';

/** What the wallboard authenticates with: a TV's display token, or a signed-in user's session. */
export interface Credential {
  readonly kind: 'display' | 'session';
  readonly token: string;
}

/** A paired screen uses its display token; a supervisor's browser uses the session. */
export function wallboardCredential(): Credential | null {
  const display = pairedDisplayToken();
  if (display) return { kind: 'display', token: display };
  const current = session.value;
  return current ? { kind: 'session', token: current.accessToken } : null;
}

/** After a refusal: true when a fresh credential may succeed (a session that renewed). */
export async function renewCredential(credential: Credential | null): Promise<boolean> {
  return credential?.kind === 'session' ? refreshSession() : false;
}

/** `fetch` with the wallboard's credential. */
export function credentialFetch(credential: Credential, path: string): Promise<Response> {
  return fetch(path, {
    cache: 'no-store',
    headers: { accept: 'application/json', authorization: `Bearer ${credential.token}` },
  });
}
