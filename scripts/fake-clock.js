// A process's wall clock set to a chosen instant with libfaketime (Debian's `faketime`): the
// clock starts there and runs on. Used by `npm run test:at` for a whole run and by the tests
// for the API processes they start (tests/support/clock.ts).
'use strict';
const { existsSync } = require('node:fs');

/** Where Debian's libfaketime package puts the library (`apt-get install faketime`). */
const LIBFAKETIME = process.env.MIERUKA_LIBFAKETIME ?? libraryPath();

function libraryPath() {
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch] ?? process.arch;
  return `/usr/lib/${arch}-linux-gnu/faketime/libfaketime.so.1`;
}

/** The offset libfaketime adds to this process's clock (0 when it runs on the real one). */
function ownOffsetMs(env = process.env) {
  if (!(env.LD_PRELOAD ?? '').includes('libfaketime')) return 0;
  const match = /^([+-]\d+(?:\.\d+)?)s$/.exec(env.FAKETIME ?? '');
  if (!match)
    throw new Error(`FAKETIME=${env.FAKETIME}: only "+N.NNNs"/"-N.NNNs" offsets are understood`);
  return Math.round(Number(match[1]) * 1000);
}

/**
 * The settings that start a child process with its clock at `instant` (epoch ms), whatever
 * this process's own clock reads, and what that child's clock reads at any later moment.
 * Only the wall clock moves: timers and elapsed times (the monotonic clock) stay real.
 */
function clockAt(instant, parentEnv = process.env) {
  if (!existsSync(LIBFAKETIME)) {
    throw new Error(
      `${LIBFAKETIME} is missing: a child's clock is set with libfaketime (apt-get install faketime)`,
    );
  }
  const real = Date.now() - ownOffsetMs(parentEnv);
  const offsetMs = Math.round(instant - real);
  const others = (parentEnv.LD_PRELOAD ?? '')
    .split(/[ :]/)
    .filter((lib) => lib !== '' && !lib.includes('libfaketime'));
  return {
    env: {
      LD_PRELOAD: [LIBFAKETIME, ...others].join(':'),
      FAKETIME: `${offsetMs >= 0 ? '+' : '-'}${(Math.abs(offsetMs) / 1000).toFixed(3)}s`,
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    },
    /** The child's wall clock now, read from this process. */
    now: () => Date.now() - ownOffsetMs(parentEnv) + offsetMs,
  };
}

/** `env` without libfaketime: for a program that should keep the machine's real clock. */
function withoutFakeClock(env = process.env) {
  const { FAKETIME: _offset, FAKETIME_DONT_FAKE_MONOTONIC: _monotonic, ...rest } = env;
  const preload = (env.LD_PRELOAD ?? '')
    .split(/[ :]/)
    .filter((lib) => lib !== '' && !lib.includes('libfaketime'));
  if (preload.length > 0) rest.LD_PRELOAD = preload.join(':');
  else delete rest.LD_PRELOAD;
  return rest;
}

module.exports = { LIBFAKETIME, clockAt, ownOffsetMs, withoutFakeClock };
