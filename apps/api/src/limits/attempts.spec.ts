import { MemoryAttempts } from './attempts';

describe('MemoryAttempts', () => {
  const WINDOW = 15 * 60_000;

  it('counts attempts in a window that starts with the first one', async () => {
    const clock = { now: 1_000_000 };
    const attempts = new MemoryAttempts(() => clock.now);
    expect(await attempts.count('alice|10.0.0.1', WINDOW)).toEqual({
      attempts: 1,
      resetInMs: WINDOW,
    });
    clock.now += 60_000;
    expect(await attempts.count('alice|10.0.0.1', WINDOW)).toEqual({
      attempts: 2,
      resetInMs: WINDOW - 60_000,
    });
    // Another key is another count.
    expect((await attempts.count('alice|10.0.0.2', WINDOW)).attempts).toBe(1);
    // Once the window has ended, the count starts over.
    clock.now += WINDOW;
    expect(await attempts.count('alice|10.0.0.1', WINDOW)).toEqual({
      attempts: 1,
      resetInMs: WINDOW,
    });
  });

  it('starts over when cleared', async () => {
    const attempts = new MemoryAttempts(() => 0);
    await attempts.count('k', WINDOW);
    await attempts.count('k', WINDOW);
    await attempts.clear('k');
    expect((await attempts.count('k', WINDOW)).attempts).toBe(1);
  });

  it('forgets ended windows, so memory holds only recent keys', async () => {
    const clock = { now: 0 };
    const attempts = new MemoryAttempts(() => clock.now);
    for (let i = 0; i < 100; i++) await attempts.count(`guess-${i}`, 60_000);
    expect(attempts.size).toBe(100);
    clock.now += 10 * 60_000;
    await attempts.count('later', 60_000);
    expect(attempts.size).toBe(1);
  });
});
