// Starts a worker thread's file with the `@mieruka/*` aliases its imports need, which a worker
// thread does not inherit from the process that starts it:
// - a .ts file (under Jest, which compiles its own test process only, not the threads it
//   starts): compiled by swc as jest.config.js does, `@mieruka/*` resolved to libs/*/src as
//   its moduleNameMapper does;
// - a .js file (built: `npm start`, `npm run bench`): `@mieruka/*` resolved inside dist/, as
//   scripts/runtime.js does for the main thread.
// The file to run is `workerData.entry`, a libs/<lib>/src file: the root its aliases resolve
// from (the repository, or dist/) is three folders above it.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { workerData } = require('node:worker_threads');

const entry = workerData.entry;
const base = path.resolve(path.dirname(entry), '..', '..', '..');

if (entry.endsWith('.ts')) {
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    });
    module._compile(code, filename);
  };
}
require('tsconfig-paths').register({ baseUrl: base, paths: { '@mieruka/*': ['libs/*/src'] } });
require(entry);
