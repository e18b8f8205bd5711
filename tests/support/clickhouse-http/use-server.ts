/**
 * A Jest setup file of `npm run test:clickhouse-http` (jest.config.js beside this), run before
 * each test file: the global setup started the test server and left its address in the
 * environment the workers inherit; here it is handed to the store's test helpers, which read
 * no environment themselves (libs/ never does: eslint.config.mjs).
 */
import { useTestServer } from '@mieruka/store/testing';

const url = process.env.MIERUKA_TEST_CLICKHOUSE_URL;
if (url) {
  useTestServer({
    url,
    user: process.env.MIERUKA_TEST_CLICKHOUSE_USER ?? 'default',
    password: process.env.MIERUKA_TEST_CLICKHOUSE_PASSWORD ?? '',
  });
}
