import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createStoreClient, type StoreClient } from './client';
import { migrate } from './migrate';
import type { Migration } from './migrations';

/**
 * A migrated store in a database of its own, for tests. chDB binds one data folder per
 * process, so every test file of a Jest worker shares the worker's folder and gets its own
 * database inside it; `drop()` removes it again.
 */
/** The chDB data folder of this test process (chDB allows one per process). */
export function testDataDir(): string {
  return join(tmpdir(), `mieruka-test-${process.pid}`);
}

/** A fresh database name, so test files sharing a process never see each other's rows. */
export function testDatabaseName(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

export async function openTestStore(
  options: { migrations?: readonly Migration[] } = {},
): Promise<StoreClient & { drop(): Promise<void> }> {
  const database = testDatabaseName();
  const store = createStoreClient({ ...testServer(), database, dataDir: testDataDir() });
  await migrate(store, options.migrations);
  return {
    ...store,
    async drop() {
      await store.client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await store.close();
    },
  };
}

export interface TestServer {
  url?: string;
  user?: string;
  password?: string;
}

let server: TestServer = {};

/**
 * Sends the stores this process opens from now on to a ClickHouse server. `npm run
 * test:clickhouse-http` calls it before each test file (tests/support/clickhouse-http/
 * use-server.ts): a library reads no environment, its caller hands it what it needs.
 */
export function useTestServer(next: TestServer): void {
  server = { ...next };
}

/** The ClickHouse server the tests' stores go to, when one is set; otherwise nothing: chDB. */
export function testServer(): TestServer {
  return server;
}
