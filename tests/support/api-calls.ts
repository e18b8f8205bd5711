/**
 * What tests of the API's users and sessions do again and again: a JSON request with a bearer
 * token, and live-socket clients signed in with a token that are all closed in afterAll.
 */
import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@mieruka/contracts';

export type LiveClient = Socket<LiveServerEvents, LiveClientEvents>;

/** `method path` with `token` and a JSON body if given: the status and the parsed answer. */
export async function callJson(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** Live-socket clients of one test file: `connect` resolves once connected, `closeAll` ends them. */
export function liveClients(): {
  connect(url: string, token: string): Promise<LiveClient>;
  closeAll(): void;
} {
  const clients: LiveClient[] = [];
  return {
    connect(url, token) {
      const client: LiveClient = io(`${url}${LIVE_NAMESPACE}`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token },
      });
      clients.push(client);
      return new Promise((resolve, reject) => {
        client.once('connect', () => resolve(client));
        client.once('connect_error', reject);
      });
    },
    closeAll() {
      for (const client of clients.splice(0)) client.close();
    },
  };
}
