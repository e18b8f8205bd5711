/**
 * The test ClickHouse server as a process of its own (chDB binds one data folder per process,
 * and a test's own process may bind another). Started by `run.js`, set up by the JSON in
 * CLICKHOUSE_HTTP_OPTIONS (see `ServerProcessOptions`); prints `listening <url>` once it
 * answers, and stops on SIGTERM.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClickHouseHttp } from './server';

/** The server's settings; TLS files by path. */
export interface ServerProcessOptions {
  readonly user: string;
  readonly password: string;
  readonly keepAliveSeconds?: number;
  readonly tls?: { readonly keyFile: string; readonly certFile: string; readonly caFile?: string };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env.CLICKHOUSE_HTTP_OPTIONS ?? '{}') as ServerProcessOptions;
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-clickhouse-http-'));
  const { tls } = options;
  const server = await startClickHouseHttp({
    dataDir,
    user: options.user,
    password: options.password,
    ...(options.keepAliveSeconds ? { keepAliveSeconds: options.keepAliveSeconds } : {}),
    ...(tls
      ? {
          tls: {
            key: readFileSync(tls.keyFile),
            cert: readFileSync(tls.certFile),
            ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
          },
        }
      : {}),
  });
  const stop = () => {
    void server.close().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`listening ${server.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`clickhouse-http: ${String(error)}\n`);
  process.exit(1);
});
