import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a caller may choose as its correlation id; anything else gets a new one. */
const CALLER_ID = /^[\w.:-]{1,128}$/;

/**
 * The request's correlation id: the caller's X-Request-Id, or a new one, set on the request
 * and echoed in the answer's header the first time it is asked for. createApp asks before
 * anything else runs, so a request refused early (too large, shutting down) carries it too.
 */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const held = request as IncomingMessage & { id?: unknown };
  if (typeof held.id === 'string') return held.id;
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && CALLER_ID.test(given) ? given : randomUUID();
  held.id = id;
  response.setHeader('X-Request-Id', id);
  return id;
}

/** The Express middleware that gives every request its id first. */
export function requestIds(request: IncomingMessage, response: ServerResponse, next: () => void) {
  requestIdOf(request, response);
  next();
}
