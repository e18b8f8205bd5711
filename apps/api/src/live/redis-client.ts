import { createClient } from 'redis';

/**
 * A Redis client for the Socket.IO adapter and the stored-events relay. RESP2: the streams
 * adapter reads XREAD replies in that shape (redis 6 defaults to RESP3).
 */
export const newRedisClient = (url: string) => createClient({ url, RESP: 2 });
export type RedisClient = ReturnType<typeof newRedisClient>;

/**
 * Quits politely when connected; otherwise drops the connection at once. `quit()` on a client
 * that is reconnecting waits for Redis to come back, which would hold a shutdown forever.
 * A client already closed, or closing, is left alone: Nest closes the IO adapter once per
 * gateway server, and a second `quit()` while the first is under way throws.
 */
export async function closeClient(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) await client.quit();
  else client.destroy();
}
