// `npm run dev`: the compiler in watch mode, the API restarted on every build, and Vite's dev
// server for the wallboard on http://localhost:5173 (proxying /api to the API on :3000).
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { root, ensureBuilt } = require('./runtime');

ensureBuilt({ wallboard: false });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const children = [
  spawn(bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(
    process.execPath,
    ['--watch', '-r', './scripts/register-aliases.js', 'dist/apps/api/src/main.js'],
    { cwd: root, stdio: 'inherit' },
  ),
  spawn(bin('vite'), ['--config', 'apps/wallboard/vite.config.mts'], {
    cwd: root,
    stdio: 'inherit',
  }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
