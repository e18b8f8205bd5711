/** Injection tokens of the values the app is built from (settings, clock). */
export const ENV = Symbol('ENV');
export const CLOCK = Symbol('CLOCK');

/** The receiving clock; tests give the app a fixed one. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
