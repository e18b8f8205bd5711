/**
 * Which limits a request path falls under. By path rather than by decorators on the
 * controllers, so a route added later is limited by default and the probes that must always
 * answer (an orchestrator's health checks, Prometheus) stay free without touching their code.
 *
 * - `open`: health, readiness and metrics — never throttled (a throttled probe restarts a
 *   healthy instance); the wallboard's static files never reach the guard at all.
 * - `ingest`: where CTI systems send events — counted per ingest key, not per address, so
 *   several senders behind one NAT do not share a budget.
 * - `api`: everything else — counted per client address and per credential.
 */
export type RouteClass = 'open' | 'ingest' | 'api';

const OPEN = ['/api/v1/health', '/api/v1/ready', '/metrics'];
const INGEST = [
  '/api/v1/events',
  '/api/v1/dead-letters',
  '/api/v1/webhooks',
  '/api/v1/twilio',
  '/api/v1/amazon-connect',
  '/api/v1/shopify',
];

/** `prefix` itself or anything below it (`/api/v1/events` matches, `/api/v1/eventsx` not). */
const under = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(`${prefix}/`);

export function routeClass(url: string): RouteClass {
  const path = (url.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  if (OPEN.some((prefix) => under(path, prefix))) return 'open';
  if (INGEST.some((prefix) => under(path, prefix))) return 'ingest';
  return 'api';
}
