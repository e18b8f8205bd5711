/**
 * Seeded randomness for the simulator. `Math.random` is never used: the same seed must replay
 * the same day, event for event, so every draw comes from one of these generators.
 */

/** Uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit generator with a full 2^32 period — plenty for traffic shapes and
 * fast enough that drawing never shows up in a profile. Not for anything secret.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Exponential with the given mean: gaps between independent arrivals (a Poisson process). */
export function exponential(rng: Rng, mean: number): number {
  // 1 - u lies in (0, 1], so the logarithm is always finite.
  return -mean * Math.log(1 - rng());
}

/** Standard normal by Box–Muller; the second value is dropped to keep the draw count fixed. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Log-normal with the given arithmetic mean and shape `sigma`: handling times are right-skewed
 * (most calls are short, a few run long), which a normal distribution cannot express.
 */
export function lognormal(rng: Rng, mean: number, sigma: number): number {
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return Math.exp(mu + sigma * normal(rng));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick: no items to pick from');
  return item;
}

/** A key of `weights`, chosen with probability proportional to its weight. */
export function weighted(rng: Rng, weights: Readonly<Record<string, number>>): string {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let left = rng() * total;
  for (const [key, w] of entries) {
    left -= w;
    if (left < 0) return key;
  }
  // Floating-point rounding can leave a sliver at the end: it belongs to the last key.
  const last = entries[entries.length - 1];
  if (last === undefined) throw new RangeError('weighted: no positive weight');
  return last[0];
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
