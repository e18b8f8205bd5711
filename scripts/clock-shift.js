// A Node process whose clock reads a chosen instant and runs on from there: Date (Date.now(),
// new Date(), Date()) is shifted by MIERUKA_TEST_CLOCK_SHIFT_MS; timers, performance.now()
// and everything outside JavaScript's Date keep the real clock. Used by `npm run test:at` for a
// whole run and by the tests for the processes they start (tests/README.md, "Time").
'use strict';
const path = require('node:path');

const SHIFT_VARIABLE = 'MIERUKA_TEST_CLOCK_SHIFT_MS';
/** Loaded first in every process the shift should reach (NODE_OPTIONS=--require …). */
const PRELOAD = path.join(__dirname, 'clock-shift-preload.js');
const MARK = Symbol.for('mieruka.clockShiftMs');
const REAL = Symbol.for('mieruka.realDate');

/** The shift this process's environment asks for, in ms (0: the real clock). */
function ownShiftMs(env = process.env) {
  const shift = Number(env[SHIFT_VARIABLE] ?? 0);
  if (!Number.isFinite(shift)) throw new Error(`${SHIFT_VARIABLE}=${env[SHIFT_VARIABLE]}: not ms`);
  return shift;
}

/**
 * Replaces `global.Date` with one `shiftMs` ahead (or behind). Dates made elsewhere (Node's own,
 * another realm's) stay instances of it: the prototype is the real one. Applied once.
 */
function shiftDate(global, shiftMs) {
  if (shiftMs === 0 || global.Date[MARK] !== undefined) return;
  const Real = global.Date;
  function ShiftedDate(...args) {
    if (new.target === undefined) return new Real(Real.now() + shiftMs).toString();
    return Reflect.construct(Real, args.length === 0 ? [Real.now() + shiftMs] : args, new.target);
  }
  Object.setPrototypeOf(ShiftedDate, Real); // parse, UTC
  ShiftedDate.prototype = Real.prototype;
  ShiftedDate.now = () => Real.now() + shiftMs;
  Object.defineProperty(ShiftedDate, MARK, { value: shiftMs });
  Object.defineProperty(ShiftedDate, REAL, { value: Real });
  global.Date = ShiftedDate;
}

/**
 * Runs `work` with `global.Date` unshifted, for code that must read the machine's clock (see
 * tests/support/browser.ts). Nothing else should run meanwhile: the swap is global.
 */
async function withRealDate(global, work) {
  const shifted = global.Date;
  const real = shifted[REAL];
  if (!real) return work();
  global.Date = real;
  try {
    return await work();
  } finally {
    global.Date = shifted;
  }
}

/**
 * The settings that start a Node process with its clock at `instant` (epoch ms), whatever this
 * process's own clock reads, and what that clock reads at any later moment.
 */
function clockAt(instant, parentEnv = process.env) {
  const real = Date.now() - ownShiftMs(parentEnv);
  const shiftMs = Math.round(instant - real);
  const require = `--require ${JSON.stringify(PRELOAD)}`;
  const options = (parentEnv.NODE_OPTIONS ?? '').replace(require, '').trim();
  return {
    env: {
      NODE_OPTIONS: `${options} ${require}`.trim(),
      [SHIFT_VARIABLE]: String(shiftMs),
    },
    /** That process's clock now, read from this one. */
    now: () => Date.now() - ownShiftMs(parentEnv) + shiftMs,
  };
}

module.exports = { PRELOAD, clockAt, ownShiftMs, shiftDate, withRealDate };
