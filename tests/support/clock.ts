/**
 * Time in tests. A test's data never depends on the wall clock: in-process apps take a clock
 * (startTestApp's `at`); processes a test starts get theirs set with libfaketime (`processClock`).
 * The wall clock itself is read in one place (`wallClock`), for what must be "now" by nature
 * (a signature's timestamp, a unique name). Elapsed time and deadlines use `performance.now()`.
 */
import { createRequire } from 'node:module';

interface FakeClock {
  clockAt(instant: number): { env: Record<string, string>; now(): number };
  ownOffsetMs(): number;
  withoutFakeClock(): NodeJS.ProcessEnv;
}

const fake = createRequire(__filename)('../../scripts/fake-clock.js') as FakeClock;

export interface ProcessClock {
  /** Settings to add to a child's environment: its wall clock starts at the chosen instant. */
  readonly env: Record<string, string>;
  /** What that clock reads now. */
  now(): number;
}

/**
 * A clock for the processes a test starts (the API, the CLI): it reads `at` (epoch ms or an
 * RFC 3339 instant with offset) now and runs on, whatever the machine's clock says. Several
 * processes given the same ProcessClock agree, also across restarts.
 */
export function processClock(at: number | string): ProcessClock {
  return fake.clockAt(typeof at === 'number' ? at : Date.parse(at));
}

/** The machine's clock, where a test needs the real "now" (see the file's comment). */
export const wallClock = (): number => Date.now();

/** Whether this run is under `npm run test:at` (libfaketime moved every process's clock). */
export const runsOnFakeClock = (): boolean => fake.ownOffsetMs() !== 0;

/** This process's environment without libfaketime, for a program that keeps the real clock. */
export const withoutFakeClock = (): NodeJS.ProcessEnv => fake.withoutFakeClock();
