import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Env } from '@mieruka/contracts';
import type { IngestKeys } from '../config/ingest-keys';
import { routeClass, type RouteClass } from './route-class';
import { bearerToken, clientAddress, digest, tracker } from './trackers';

interface LimitedRequest {
  readonly originalUrl?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly headers: Record<string, unknown>;
}

const requestOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<LimitedRequest>();

const bearerOf = (request: LimitedRequest): string | undefined =>
  bearerToken(request.headers['authorization']);

const classOf = (context: ExecutionContext): RouteClass => {
  const request = requestOf(context);
  return routeClass(request.originalUrl ?? request.url ?? '/');
};

/**
 * The named throttlers, from the settings (a limit of 0 leaves its throttler out):
 *
 * - `address`: every `api` request, per client address;
 * - `credential`: every `api` request with a bearer token, per token (digested). A made-up
 *   token gets a fresh count, but it still counts against its address;
 * - `ingest`: every `ingest` request, per ingest key when it is one of the settings'
 *   (MIERUKA_INGEST_KEYS), otherwise per address — so random keys cannot each open a new
 *   budget. (The check is in memory, before the route's own guard.)
 *
 * Counts are kept per limit across all routes (not per route, the library's default), so a
 * client cannot multiply its budget by spreading over endpoints.
 */
export function throttlers(env: Env, ingestKeys: IngestKeys): ThrottlerOptions[] {
  const ttl = env.MIERUKA_RATE_LIMIT_WINDOW_SECONDS * 1000;
  const all: (ThrottlerOptions & { limit: number })[] = [
    {
      name: 'address',
      ttl,
      limit: env.MIERUKA_RATE_LIMIT_PER_IP,
      skipIf: (context) => classOf(context) !== 'api',
      getTracker: (_request, context) => tracker('address', clientAddress(requestOf(context).ip)),
    },
    {
      name: 'credential',
      ttl,
      limit: env.MIERUKA_RATE_LIMIT_PER_CREDENTIAL,
      skipIf: (context) => classOf(context) !== 'api' || !bearerOf(requestOf(context)),
      getTracker: (_request, context) =>
        tracker('credential', digest(bearerOf(requestOf(context)) ?? '')),
    },
    {
      name: 'ingest',
      ttl,
      limit: env.MIERUKA_RATE_LIMIT_INGEST,
      skipIf: (context) => classOf(context) !== 'ingest',
      getTracker: async (_request, context) => {
        const request = requestOf(context);
        const key = bearerOf(request);
        return key && (await ingestKeys.recognises(key))
          ? tracker('key', digest(key))
          : tracker('address', clientAddress(request.ip));
      },
    },
  ];
  return all.filter((throttler) => throttler.limit > 0);
}

/** One count per limit and tracker, whatever the route. */
export const limitKey = (_context: ExecutionContext, trackerId: string, name: string): string =>
  `${name}:${trackerId}`;
