import { connect, type Socket } from 'node:net';
import { backoffDelay } from './backoff';

const CONNECT_TIMEOUT_MS = 10_000;

export interface SocketSession {
  /** A new connection is up: returns what to do with its bytes (a fresh parser per connection). */
  connected(socket: Socket): (chunk: Buffer) => void;
  /** The connection ended (closed by the peer, failed, or timed out); `reason` says how. */
  disconnected(reason: string): void;
}

/**
 * A TCP client that stays connected: after a drop or a failed attempt it waits (exponential
 * backoff with jitter) and connects again, until stopped. The protocol on top (login,
 * subscribe) lives in the session; it calls `established()` once logged in, which resets the
 * backoff — so a refused login keeps backing off instead of hammering the PBX.
 */
export class ReconnectingSocket {
  private socket: Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(
    private readonly target: { readonly host: string; readonly port: number },
    private readonly retry: { readonly minMs: number; readonly maxMs: number },
    private readonly session: SocketSession,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  established(): void {
    this.attempt = 0;
  }

  /** Drops the connection on purpose (a protocol error): it is reopened after the backoff. */
  drop(reason: string): void {
    this.socket?.destroy(new Error(reason));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private open(): void {
    if (this.stopped) return;
    const socket = connect({ host: this.target.host, port: this.target.port });
    this.socket = socket;
    let failure: string | undefined;
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error('connect timed out')));
    socket.once('connect', () => {
      socket.setTimeout(0);
      // Half-open connections (a PBX rebooted behind a firewall) are noticed by TCP keepalive.
      socket.setKeepAlive(true, 30_000);
      const onData = this.session.connected(socket);
      socket.on('data', onData);
    });
    socket.on('error', (error) => (failure = error.message));
    socket.once('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.session.disconnected(failure ?? 'connection closed by the peer');
      if (this.stopped) return;
      const delay = backoffDelay(this.attempt++, this.retry.minMs, this.retry.maxMs);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.open();
      }, delay);
    });
  }
}
