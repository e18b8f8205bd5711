import { createClient } from 'redis';
import { CHECK_TIMEOUT_MS, withTimeout } from './with-timeout';

/**
 * A Redis connection of the readiness check's own (the Socket.IO adapter's and the relay's
 * clients are busy with blocking reads and queue commands while Redis is away). Commands are
 * never queued here: while disconnected, `ping` fails at once with the last connection error
 * instead of waiting for Redis to come back. The client reconnects by itself.
 */
export class RedisPing {
  private readonly client;
  private lastError: string | undefined;

  constructor(url: string) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CHECK_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(250 * 2 ** retries, 5_000),
      },
    });
    this.client.on('error', (error: unknown) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    });
    this.client.on('ready', () => {
      this.lastError = undefined;
    });
    // Resolves once connected (retrying meanwhile); rejects only when closed first.
    this.client.connect().catch(() => undefined);
  }

  /** Resolves when Redis answers PING in time. */
  async ping(): Promise<void> {
    if (!this.client.isReady) {
      throw new Error(`not connected${this.lastError ? `: ${this.lastError}` : ''}`);
    }
    const answer = await withTimeout(this.client.ping(), CHECK_TIMEOUT_MS, 'redis');
    if (answer !== 'PONG') throw new Error(`PING answered ${String(answer)}`);
  }

  close(): void {
    // Nothing of ours is in flight worth waiting for; quit() would wait for a reconnect.
    if (this.client.isOpen) this.client.destroy();
  }
}
