/**
 * A redis-server of a test's own on a free port, without persistence: a test can stop it and
 * start it again to take Redis away from the API without disturbing the machine's Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { freePort, until } from './processes';

export class OwnRedis {
  private server?: ChildProcess;

  private constructor(readonly port: number) {}

  /** One on a free port, not started yet. */
  static async onFreePort(): Promise<OwnRedis> {
    return new OwnRedis(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it and resolves once it answers (10 s at the most). */
  async start(): Promise<void> {
    this.server = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(
      'redis to answer',
      async () => {
        const client = createClient({ url: this.url });
        client.on('error', () => undefined);
        await client.connect();
        await client.quit();
        return true;
      },
      10_000,
    );
  }

  /** Kills it (as a crash would) and resolves once it has exited; nothing if it is not running. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }
}
