/** One Jest run for every tier: unit specs next to the code, integration tests in tests/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// The one ES-module-only dependency (zstd, loaded with import() at run time): made CommonJS
// for Jest's module system.
const swcEsm = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, module: { type: 'commonjs' } },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps/api', '<rootDir>/apps/wallboard', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: { '^.+\\.ts$': swc, '/@hpcc-js/wasm-zstd/.+\\.js$': swcEsm },
  transformIgnorePatterns: ['/node_modules/(?!@hpcc-js/wasm-zstd/)'],
  moduleNameMapper: {
    '^@mieruka/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@mieruka/([^/]+)/(.+)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 30000,
  // Each test file runs in a realm of its own: `npm run test:at` shifts its Date too.
  setupFiles: ['<rootDir>/scripts/clock-shift-preload.js'],
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  // A test that fails half-way can leave a client's retry timer alive (kafkajs, Redis): the
  // run must still end with its verdict instead of waiting for CI's time limit.
  forceExit: true,
  // Each test file in a fresh worker process, one after another. chDB is a native engine with
  // process-wide state (one data folder, one embedded server): a test file that fails with
  // work still running on it must not take later files — or Jest itself — down with it. Any
  // heap above this limit recycles the worker, so in practice every file starts clean, and a
  // native crash fails only its own file, by name.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1MB',
};
