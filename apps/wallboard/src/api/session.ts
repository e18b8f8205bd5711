import { shallowRef } from 'vue';
import type { SessionAnswer } from '@mieruka/contracts';
import { AuthRequiredError, apiError } from './problem';

/**
 * A manager's or supervisor's session: the access token is short-lived, the refresh token is
 * single use. Kept in localStorage so a reload stays signed in; renewed a minute before it
 * expires and when the API answers 401. A used refresh token presented twice ends every session
 * of the user (the API treats it as stolen), so renewals are serialised — across tabs too, with
 * the Web Locks API where the browser has it.
 */
const STORAGE_KEY = 'mieruka.session';
const RENEW_BEFORE_MS = 60_000;

/**
 * A session as this browser keeps it: with when it expires by the browser's own clock, which
 * may be off from the server's by more than the token lasts (a PC or TV with a wrong clock).
 */
type HeldSession = SessionAnswer & { readonly expiresHere: number };

const held = (answer: SessionAnswer): HeldSession => ({
  ...answer,
  expiresHere: Date.now() + answer.expiresInMs,
});

function load(): HeldSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<HeldSession> & SessionAnswer;
    // Saved by an earlier version: only the server's expiry is known.
    return { ...saved, expiresHere: saved.expiresHere ?? Date.parse(saved.expiresAt) };
  } catch {
    return null;
  }
}

export const session = shallowRef<HeldSession | null>(load());
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | undefined;

function store(next: HeldSession | null): void {
  session.value = next;
  if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORAGE_KEY);
  clearTimeout(renewTimer);
  renewTimer = undefined;
  if (next) {
    const wait = next.expiresHere - Date.now() - RENEW_BEFORE_MS;
    renewTimer = setTimeout(() => void refreshSession(), Math.max(1_000, wait));
  }
}

export async function login(username: string, password: string): Promise<SessionAnswer> {
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await apiError(response);
  const answer = (await response.json()) as SessionAnswer;
  store(held(answer));
  return answer;
}

export async function logout(): Promise<void> {
  const current = session.value;
  store(null);
  if (current) {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    }).catch(() => undefined);
  }
}

/** Renews the session; true when there is a valid one afterwards. One renewal at a time. */
export function refreshSession(): Promise<boolean> {
  renewing ??= withLock(renew).finally(() => {
    renewing = undefined;
  });
  return renewing;
}

async function renew(): Promise<boolean> {
  const mine = session.value;
  // Another tab may have renewed already: its answer is in localStorage.
  const latest = load();
  if (latest && mine && latest.refreshToken !== mine.refreshToken) {
    store(latest);
    return true;
  }
  const current = latest ?? mine;
  if (!current) return false;
  try {
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (response.status === 401) {
      store(null);
      return false;
    }
    if (!response.ok) return current.expiresHere > Date.now();
    store(held((await response.json()) as SessionAnswer));
    return true;
  } catch {
    // Offline: keep what we have; the next attempt may succeed.
    return current.expiresHere > Date.now();
  }
}

async function withLock<T>(action: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('mieruka.session.refresh', action) : action();
}

/**
 * `fetch` with the session's access token; a 401 renews the session once and retries.
 * Throws AuthRequiredError when there is no session to use.
 */
export async function sessionFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = (token: string) =>
    fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
    });
  const current = session.value;
  if (!current) throw new AuthRequiredError('sign in first');
  const first = await attempt(current.accessToken);
  if (first.status !== 401) return first;
  if (!(await refreshSession()) || !session.value) throw new AuthRequiredError('session ended');
  return attempt(session.value.accessToken);
}

// A page opened with a session from an earlier visit schedules its renewal at once.
if (session.value) store(session.value);
