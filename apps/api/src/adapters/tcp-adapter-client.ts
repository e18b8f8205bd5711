import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { Clock } from '../config/tokens';
import type { AdapterStatus } from './adapter-health';
import type { TcpTarget } from './adapter-settings';
import type { AdapterRunner } from './adapter-settings.service';
import type { AdapterSink } from './adapter-sink';
import { Outbox } from './outbox';
import { ReconnectingSocket } from './reconnecting-socket';

export interface TcpAdapterDeps {
  readonly clock: Clock;
  readonly sink: AdapterSink;
  readonly status: AdapterStatus;
  readonly logger: Logger;
  readonly retry: { minMs: number; maxMs: number };
}

/**
 * What the PBX clients (AMI, FreeSWITCH ESL) share: a socket that reconnects with backoff, an
 * outbox that hands mapped events to the store and retries until it takes them, and the
 * health status both report into. A subclass speaks the protocol of one connection.
 */
export abstract class TcpAdapterClient implements AdapterRunner {
  protected readonly socket: ReconnectingSocket;
  protected readonly outbox: Outbox;
  protected readonly status: AdapterStatus;
  private stopping = false;

  constructor(
    protected readonly adapter: string,
    tenant: string,
    target: TcpTarget,
    protected readonly deps: TcpAdapterDeps,
  ) {
    const status = deps.status;
    status.connected = false;
    status.details.peer = `${target.host}:${target.port}`;
    this.status = status;
    this.outbox = new Outbox(
      (batch) => deps.sink.deliver(adapter, tenant, batch, status),
      (error) => this.complain(`store did not take a batch (kept, retrying): ${String(error)}`),
      deps.retry,
    );
    this.socket = new ReconnectingSocket(target, deps.retry, {
      connected: (socket) => this.session(socket, target),
      disconnected: (reason) => {
        if (this.stopping) return;
        const wasUp = status.connected;
        status.connected = false;
        this.complain(`${wasUp ? 'disconnected' : 'could not connect'}: ${reason}`);
      },
    });
  }

  /** Called once the subclass is built (its fields exist before the first byte arrives). */
  start(): this {
    this.socket.start();
    return this;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.socket.stop();
    await this.outbox.close();
    this.status.connected = false;
  }

  /** One connection: returns the handler of its incoming bytes. */
  protected abstract session(socket: Socket, target: TcpTarget): (chunk: Buffer) => void;

  protected complain(message: string): void {
    this.status.failed(message);
    this.deps.logger.warn(message);
  }
}
