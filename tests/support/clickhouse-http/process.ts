import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ServerProcessOptions } from './main';

export interface ClickHouseHttpProcess {
  readonly url: string;
  readonly pid: number;
  /** What it printed (stdout and stderr). */
  output(): string;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts the test ClickHouse server (main.ts) as its own process; resolves once it listens. */
export function startClickHouseHttpProcess(
  options: ServerProcessOptions,
  timeoutMs = 60_000,
): Promise<ClickHouseHttpProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'run.js')], {
    env: { ...process.env, CLICKHOUSE_HTTP_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the ClickHouse test server did not start in ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const url = /^listening (\S+)$/m.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, pid: child.pid!, output: () => output, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ClickHouse test server exited (${code}): ${output}`));
    });
  });
}
