import { describe, expect, it } from '@jest/globals';
import { ServerClock } from './server-clock';

describe("ServerClock: the server's time on a screen whose own clock is wrong", () => {
  it('knows nothing before the first message', () => {
    expect(new ServerClock().now(1_000)).toBeNull();
  });

  it('runs on from a message by the monotonic clock', () => {
    const clock = new ServerClock();
    clock.observe(1_800_000_000_000, 5_000);
    expect(clock.now(5_000)).toBe(1_800_000_000_000);
    expect(clock.now(65_000)).toBe(1_800_000_060_000);
  });

  it('trusts the message that travelled fastest: a late one does not pull the clock back', () => {
    const clock = new ServerClock();
    clock.observe(1_000_000, 100); // arrived 0 ms after it was stamped (best case)
    clock.observe(1_001_000, 1_400); // stamped 1 s later, arrived 1.3 s later: 300 ms in transit
    expect(clock.now(2_100)).toBe(1_002_000);
  });

  it('follows a server whose clock was set back, once the old samples are gone', () => {
    const clock = new ServerClock(3);
    clock.observe(1_000_000, 0);
    for (let i = 1; i <= 3; i++) clock.observe(500_000 + i * 5_000, i * 5_000);
    expect(clock.now(20_000)).toBe(520_000);
  });

  it('ignores a message without a usable time', () => {
    const clock = new ServerClock();
    clock.observe(Number.NaN, 0);
    expect(clock.now(0)).toBeNull();
  });
});
