import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** The Swagger UI's prefix (see openapi.ts). */
const DOCS = '/api/docs';

/** The socket origin of a page origin: ws: beside http:, wss: beside https:. */
const socketOrigin = (origin: string): string => origin.replace(/^http/, 'ws');

/**
 * The wallboard's policy: scripts only from the API itself (the Vue build needs no eval and
 * no inline script), data only from the API (REST and the socket), charts on canvas.
 * Inline styles stay allowed: index.html paints the dark background before the bundle
 * loads (no white flash on a TV), and Vue's static markup and ECharts set style attributes.
 * No `upgrade-insecure-requests`: on a call-centre LAN the API is often plain HTTP, and
 * upgrading its own scripts to https would leave the TVs blank.
 */
const appDirectives = (publicOrigins: readonly string[]) => ({
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  // The sockets of the configured addresses, spelled out for browsers whose 'self' does not
  // yet cover ws:/wss: (older TV browsers). Never taken from the Host header a caller sends.
  'connect-src': ["'self'", ...publicOrigins.map(socketOrigin)],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
});

/**
 * Swagger UI's: the same, but images from anywhere over https (its validator badge is
 * fetched from validator.swagger.io) and nothing from the socket.
 */
const docsDirectives = {
  ...appDirectives([]),
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'https:'],
};

const withPolicy = (directives: ReturnType<typeof appDirectives>): Middleware =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Helmet's defaults otherwise: nosniff, frame and referrer policies, HSTS (which
    // browsers honour only over https, so a plain-HTTP LAN is unaffected), and so on.
  });

/** Helmet's security headers on every answer, with the policy that fits the page. */
export function securityHeaders(publicOrigins: readonly string[]): Middleware {
  const app = withPolicy(appDirectives(publicOrigins));
  const docs = withPolicy(docsDirectives);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const policy = path === DOCS || path.startsWith(`${DOCS}/`) ? docs : app;
    policy(req, res, next);
  };
}
