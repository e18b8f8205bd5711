// `npm run test:unit`: the fast tier — the specs of pure code, in parallel, with no global
// setup (no tsc of the API, no wallboard build), no store, no server. `npm test`
// (jest.config.js) still runs these and every other tier; this config only picks a subset.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const base = require('./jest.config');

// Dropped from the base: the build (globalSetup) and chDB's folder clean-up (globalTeardown),
// and the one-file-at-a-time, fresh-worker-per-file regime that only chDB needs.
const {
  globalSetup: _build,
  globalTeardown: _cleanup,
  maxWorkers: _one,
  workerIdleMemoryLimit: _recycle,
  forceExit: _force,
  ...shared
} = base;

const ROOTS = ['apps/api/src', 'apps/wallboard/src', 'libs', 'tests/support'];

/**
 * A spec that opens a store (chDB in its process, or the test ClickHouse server) belongs to the
 * store tier, whatever folder it sits in: found by what it calls rather than listed by name, so
 * a new store spec never lands in the fast tier by being forgotten.
 */
const OPENS_A_STORE = /\b(openTestStore|createStoreClient|testDataDir)\b|from ['"]chdb/;

function specs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : specs(file);
    return entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

const storeSpecs = ROOTS.flatMap((root) => specs(path.join(__dirname, root))).filter((file) =>
  OPENS_A_STORE.test(readFileSync(file, 'utf8')),
);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  displayName: 'unit',
  roots: ROOTS.map((root) => `<rootDir>/${root}`),
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...storeSpecs.map((file) => `^${escape(file)}$`)],
  // Both cores of a small CI machine (Jest's default leaves one idle for itself).
  maxWorkers: '100%',
};
