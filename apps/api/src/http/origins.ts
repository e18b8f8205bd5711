/**
 * Which browser origins may use the API: the page's own (the wallboard the API serves) and
 * the ones listed in MIERUKA_CORS_ORIGINS. One rule for REST (CORS headers) and for the
 * socket handshake, where browsers apply no CORS to WebSockets, so the server must check
 * `Origin` itself.
 */

const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Whether a request with this `Origin` may proceed. No `Origin`: not a cross-origin browser
 * request (a CTI system, a script, the Node client) — credentials decide. The page's own
 * origin is recognised by its host being the one the request was sent to (`Host`, or
 * `X-Forwarded-Host` behind a proxy that rewrites it; a page cannot forge either on a
 * WebSocket handshake, and setting it on a fetch needs a preflight we never grant).
 */
export function originAllowed(
  origin: unknown,
  requestHosts: readonly unknown[],
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (typeof origin !== 'string') return false;
  if (allowed.includes(origin)) return true;
  const host = hostOf(origin);
  if (host === undefined) return false;
  return requestHosts.some(
    (given) =>
      typeof given === 'string' &&
      given
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .includes(host),
  );
}
