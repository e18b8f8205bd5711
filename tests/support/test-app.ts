import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseEnv } from '@mieruka/contracts';
import { testDataDir, testDatabaseName } from '@mieruka/store/testing';
import { createApp } from '../../apps/api/src/app';
import { IngestKeys } from '../../apps/api/src/config/ingest-keys';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import type { Clock } from '../../apps/api/src/config/tokens';

export interface TestApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly clock: { now: number };
  close(): Promise<void>;
}

/**
 * The real API on 127.0.0.1 with a random port, its own database in this process's chDB
 * folder, the simulator off and a clock the test sets.
 */
export async function startTestApp(options: {
  at: string | number;
  env?: Record<string, string>;
  tenants?: TenantDirectory;
}): Promise<TestApp> {
  const env = parseEnv({
    MIERUKA_DATA_DIR: testDataDir(),
    MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName(),
    MIERUKA_SIMULATOR: 'off',
    MIERUKA_LOG_LEVEL: 'silent',
    MIERUKA_INGEST_KEYS: 'test-key-0123456789abcdef,osaka:osaka-key-0123456789abcdef',
    ...options.env,
  });
  const clock = { now: typeof options.at === 'number' ? options.at : Date.parse(options.at) };
  const testClock: Clock = { now: () => clock.now };
  const app = await createApp({
    env,
    clock: testClock,
    tenants: options.tenants ?? new TenantDirectory([]),
    ingestKeys: new IngestKeys(env.MIERUKA_INGEST_KEYS),
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    clock,
    async close() {
      await app.close();
    },
  };
}

export const TEST_KEY = 'test-key-0123456789abcdef';
export const OSAKA_KEY = 'osaka-key-0123456789abcdef';

/**
 * Posts NDJSON to the app's ingest endpoint in order, in requests of at most `perRequest`
 * lines (under the events-per-request limit), and fails on any answer but 200.
 */
export async function postEvents(app: TestApp, ndjson: string, perRequest = 5000): Promise<void> {
  const lines = ndjson.trimEnd().split('\n');
  for (let i = 0; i < lines.length; i += perRequest) {
    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: lines.slice(i, i + perRequest).join('\n'),
    });
    if (response.status !== 200) {
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    }
  }
}
