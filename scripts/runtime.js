// Shared by `npm start`, `npm run dev` and the `mieruka` bin: build what is missing or stale,
// then run compiled code with the @mieruka/* aliases resolved inside dist/.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function run(command, args, label) {
  process.stderr.write(`mieruka: ${label}…\n`);
  const bin = path.join(root, 'node_modules', '.bin', command);
  execFileSync(bin, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Compiles the API and CLI (tsc, incremental) and the wallboard (vite) when their sources changed. */
function ensureBuilt({ wallboard = true } = {}) {
  const apiSources = Math.max(
    newestMtime(path.join(root, 'apps', 'api', 'src')),
    newestMtime(path.join(root, 'libs')),
    newestMtime(path.join(root, 'bench')),
    // The benches import the tests' helpers (processes, clocks): built with them.
    newestMtime(path.join(root, 'tests', 'support')),
    mtime(path.join(root, 'tsconfig.json')),
  );
  if (mtime(path.join(dist, '.tsbuildinfo')) < apiSources) {
    run('tsc', ['-p', 'tsconfig.build.json'], 'compiling the API');
  }
  if (wallboard) {
    const sources = Math.max(
      newestMtime(path.join(root, 'apps', 'wallboard')),
      newestMtime(path.join(root, 'libs', 'contracts')),
    );
    if (mtime(path.join(dist, 'wallboard', 'index.html')) < sources) {
      run(
        'vite',
        ['build', '--config', 'apps/wallboard/vite.config.mts', '--logLevel', 'warn'],
        'building the wallboard',
      );
    }
  }
}

/** Makes `require('@mieruka/x')` find dist/libs/x/src in compiled code. */
function registerAliases() {
  require('tsconfig-paths').register({ baseUrl: dist, paths: { '@mieruka/*': ['libs/*/src'] } });
}

module.exports = { root, dist, ensureBuilt, registerAliases };
