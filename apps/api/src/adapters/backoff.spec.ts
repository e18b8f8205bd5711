import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it.each([
    [0, 0, 500],
    [0, 1, 1000],
    [1, 0, 1000],
    [3, 1, 8000],
    [10, 1, 30_000],
    [10, 0, 15_000],
    [1000, 0.5, 22_500],
  ])('attempt %i with random %f waits %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, 1000, 30_000, () => r)).toBe(expected);
  });
});
