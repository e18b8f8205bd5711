import { z } from 'zod';
import { commaList, positiveInt, wholeOrZero } from './env-fields';

/**
 * Settings of the API's limits (apps/api/src/limits, apps/api/src/http), spread into
 * `envSchema`: request rates, sign-in throttling, the origins browsers may call from, and how
 * many proxies stand in front (so the per-address limit sees clients, not the proxy).
 *
 * The rate defaults sit far above what the wallboards, the drill-down and CTI senders do
 * (a TV polls nothing but its layout once a minute; its numbers come over the socket), so
 * they only ever stop floods. Ingest is counted in requests, not events: one request
 * carries up to MIERUKA_MAX_EVENTS_PER_REQUEST events.
 */

/** `scheme://host[:port]` exactly as a browser sends it in `Origin`: no path, no slash. */
const origin = z.string().refine(
  (v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === v;
    } catch {
      return false;
    }
  },
  { message: 'each entry must be an origin such as https://wallboard.example.com (no path)' },
);

export const limitsEnvShape = {
  /** The window every request rate is counted over. */
  MIERUKA_RATE_LIMIT_WINDOW_SECONDS: positiveInt.max(3600, 'must be at most 3600').default(60),
  /** Requests per window from one client address (0: off); ingest routes are counted by key. */
  MIERUKA_RATE_LIMIT_PER_IP: wholeOrZero.default(1200),
  /** Requests per window with one session or display token (0: off). */
  MIERUKA_RATE_LIMIT_PER_CREDENTIAL: wholeOrZero.default(600),
  /**
   * Ingest requests per window per ingest key — per address for the adapters' callbacks and
   * for requests without a valid key (0: off). 6000 a minute × 10,000 events a request.
   */
  MIERUKA_RATE_LIMIT_INGEST: wholeOrZero.default(6000),
  /** Sign-ins of one username from one address that may fail in a row… */
  MIERUKA_LOGIN_MAX_FAILURES: positiveInt.max(1000, 'must be at most 1000').default(10),
  /** …within this window; then that pair waits until the window ends. */
  MIERUKA_LOGIN_WINDOW_MINUTES: positiveInt.max(24 * 60, 'must be at most 1440').default(15),
  /** Other origins whose pages may call the API and open sockets (default: same origin only). */
  MIERUKA_CORS_ORIGINS: commaList(origin),
  /**
   * The addresses the wallboard is opened at. The page's policy names their socket origins
   * (ws:, wss:) for TV browsers whose `'self'` does not cover sockets; never the Host header.
   */
  MIERUKA_PUBLIC_ORIGINS: commaList(origin),
  /** Live connections one credential (a TV's token, a sign-in) may hold on one instance. */
  MIERUKA_SOCKETS_PER_CREDENTIAL: positiveInt.max(100_000, 'must be at most 100000').default(20),
  /** Reverse proxies in front of the API whose X-Forwarded-For is believed (0: none). */
  MIERUKA_TRUST_PROXY: wholeOrZero.max(10, 'must be at most 10').default(0),
};
