// node --require (see clock-shift.js), and Jest's setupFiles for the test files' own realm.
'use strict';
const { ownShiftMs, shiftDate } = require('./clock-shift');

shiftDate(globalThis, ownShiftMs());
