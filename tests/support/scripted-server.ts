import { createServer, type Server, type Socket } from 'node:net';

/** One step of a scripted conversation, from the server's side. */
export type ScriptStep =
  | { readonly send: string }
  /** Wait until the client has sent text matching this (after what earlier steps matched). */
  | { readonly expect: RegExp }
  /** Cut the connection (the client sees a drop, as when a PBX restarts). */
  | { readonly drop: true };

/**
 * A TCP server on 127.0.0.1 that plays a recorded transcript: connection n follows
 * `scripts[n]` (the last script again for any further connection), sending the PBX's side
 * and waiting for the client's. What each connection received is kept for assertions.
 */
export class ScriptedServer {
  readonly received: string[] = [];
  /** Connections whose script has been played to its end. */
  finished = 0;
  private readonly sockets = new Set<Socket>();

  /** The port it listens on (127.0.0.1). */
  port = 0;
  private readonly server: Server;

  private constructor(private readonly scripts: readonly (readonly ScriptStep[])[]) {
    this.server = createServer((socket) => this.play(socket));
  }

  static async start(scripts: readonly (readonly ScriptStep[])[]): Promise<ScriptedServer> {
    const self = new ScriptedServer(scripts);
    await new Promise<void>((resolve) => self.server.listen(0, '127.0.0.1', resolve));
    self.port = (self.server.address() as { port: number }).port;
    return self;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private play(socket: Socket): void {
    const index = this.received.length;
    const script = this.scripts[Math.min(index, this.scripts.length - 1)] ?? [];
    this.received.push('');
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let cursor = 0;
    let waiting: (() => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      this.received[index] += chunk.toString('utf8');
      waiting?.();
    });
    const expect = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => {
          const match = pattern.exec((this.received[index] ?? '').slice(cursor));
          if (!match) return;
          cursor += match.index + match[0].length;
          waiting = undefined;
          resolve();
        };
        waiting = check;
        check();
      });
    void (async () => {
      for (const step of script) {
        if (socket.destroyed) return;
        if ('send' in step) socket.write(step.send);
        else if ('expect' in step) await expect(step.expect);
        else {
          // Let the bytes written so far leave before cutting the connection.
          await new Promise<void>((resolve) => socket.end(resolve));
          socket.destroy();
        }
      }
      this.finished += 1;
    })();
  }
}
