import { chance, exponential, lognormal, mulberry32, pick, weighted } from './random';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('random', () => {
  it('replays the same sequence for a seed, another for another seed', () => {
    const a = draws(5, mulberry32(42));
    expect(draws(5, mulberry32(42))).toEqual(a);
    expect(draws(5, mulberry32(43))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws exponential and log-normal values with the requested mean', () => {
    const rng = mulberry32(1);
    expect(Math.abs(mean(draws(50_000, () => exponential(rng, 60))) / 60 - 1)).toBeLessThan(0.02);
    const talk = draws(50_000, () => lognormal(rng, 240, 0.6));
    expect(Math.abs(mean(talk) / 240 - 1)).toBeLessThan(0.02);
    // Right-skewed: the median sits below the mean.
    const sorted = [...talk].sort((x, y) => x - y);
    expect(sorted[talk.length / 2]!).toBeLessThan(240);
  });

  it('picks by weight and uniformly', () => {
    const rng = mulberry32(2);
    const picks = draws(20_000, () => (weighted(rng, { a: 3, b: 1, never: 0 }) === 'a' ? 1 : 0));
    expect(mean(picks)).toBeCloseTo(0.75, 1);
    expect(draws(1000, () => (chance(rng, 0.3) ? 1 : 0)).filter(Boolean).length).toBeGreaterThan(
      230,
    );
    expect(new Set(draws(200, () => pick(rng, ['x', 'y', 'z']) as unknown as number))).toEqual(
      new Set(['x', 'y', 'z']),
    );
    expect(() => pick(rng, [])).toThrow(RangeError);
    expect(() => weighted(rng, { a: 0 })).toThrow(RangeError);
  });
});
