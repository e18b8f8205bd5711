/**
 * Time in tests. A test's data never depends on the wall clock: in-process apps take a clock
 * (startTestApp's `at`); Node processes a test starts get theirs from `processClock`. The wall
 * clock itself is read in one place (`wallClock`), for what must be "now" by nature (a
 * signature's timestamp). Elapsed time and deadlines use `performance.now()`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../apps/api/src/repo-root';

interface ClockShift {
  clockAt(instant: number): { env: Record<string, string>; now(): number };
  ownShiftMs(): number;
  withRealDate<T>(global: typeof globalThis, work: () => Promise<T>): Promise<T>;
}

// From the sources (tests) and from the build in dist/ (the benches) alike.
const shift = createRequire(__filename)(
  join(repoRoot(__dirname), 'scripts', 'clock-shift.js'),
) as ClockShift;

export interface ProcessClock {
  /** Settings to add to a Node process's environment: its clock starts at the chosen instant. */
  readonly env: Record<string, string>;
  /** What that clock reads now. */
  now(): number;
}

/**
 * A clock for the Node processes a test starts (the API, the CLI): it reads `at` (epoch ms or
 * an RFC 3339 instant with offset) now and runs on, whatever the machine's clock says. Every
 * process given the same ProcessClock agrees with the others, also across restarts.
 */
export function processClock(at: number | string): ProcessClock {
  return shift.clockAt(typeof at === 'number' ? at : Date.parse(at));
}

/** The machine's clock (shifted under `npm run test:at`), where "now" is meant. */
export const wallClock = (): number => Date.now();

/** Whether this run is under `npm run test:at`. */
export const runsOnShiftedClock = (): boolean => shift.ownShiftMs() !== 0;

/**
 * Runs `work` on the machine's real clock. Playwright's page clock assumes the test process
 * and the browser read one wall clock (it replays its calls by the browser's Date.now() minus
 * ours); under `npm run test:at` they differ by the shift, and past 24.8 days (2^31 ms) the
 * page's timers stop. Its clock calls go through here.
 */
export const onRealClock = <T>(work: () => Promise<T>): Promise<T> =>
  shift.withRealDate(globalThis, work);
