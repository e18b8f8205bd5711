// `npm run test:clickhouse-http`: the store's specs and a few API and pipeline tests again,
// with every store they open on the test ClickHouse server over HTTP (README.md beside this).
'use strict';
const path = require('node:path');
const base = require('../../../jest.config');

module.exports = {
  ...base,
  rootDir: path.join(__dirname, '..', '..', '..'),
  testMatch: [
    '<rootDir>/libs/store/src/**/*.spec.ts',
    '<rootDir>/apps/api/src/auth/token-uses.spec.ts',
    '<rootDir>/tests/integration/ingest-http.test.ts',
    '<rootDir>/tests/integration/history-http.test.ts',
    '<rootDir>/tests/integration/kafka-pipeline.test.ts',
  ],
  // The server's address, from the environment the global setup wrote, to the store's helpers.
  setupFiles: [...base.setupFiles, '<rootDir>/tests/support/clickhouse-http/use-server.ts'],
  globalSetup: '<rootDir>/tests/support/clickhouse-http/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/clickhouse-http/global-teardown.ts',
};
