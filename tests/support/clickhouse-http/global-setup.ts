/**
 * `npm run test:clickhouse-http`: before the first test file, the test ClickHouse server in a
 * process of its own; every store the tests open then goes to it over HTTP
 * (MIERUKA_TEST_CLICKHOUSE_URL, read by use-server.ts before each test file and handed to
 * libs/store/src/testing.ts, whose `testServer()` tests/support/test-app.ts reads too).
 * Jest starts its workers after this, so they inherit the variables.
 */
import { startClickHouseHttpProcess, type ClickHouseHttpProcess } from './process';

export const TEST_USER = 'mieruka';
export const TEST_PASSWORD = 'test-clickhouse-password';

declare global {
  var clickHouseHttp: ClickHouseHttpProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  const server = await startClickHouseHttpProcess({ user: TEST_USER, password: TEST_PASSWORD });
  globalThis.clickHouseHttp = server;
  process.env.MIERUKA_TEST_CLICKHOUSE_URL = server.url;
  process.env.MIERUKA_TEST_CLICKHOUSE_USER = TEST_USER;
  process.env.MIERUKA_TEST_CLICKHOUSE_PASSWORD = TEST_PASSWORD;
  process.stderr.write(
    `\ntest:clickhouse-http: stores go to ${server.url} (chDB behind ClickHouse's HTTP interface)\n`,
  );
}
