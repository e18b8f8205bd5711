import fc from 'fast-check';
import { chTime, isoFromChTime } from './time';

describe('chTime', () => {
  it.each([
    [Date.UTC(2026, 10, 24, 1, 0, 0, 123), '2026-11-24 01:00:00.123'],
    [Date.UTC(2026, 10, 24, 23, 59, 59, 999), '2026-11-24 23:59:59.999'],
    [Date.UTC(2026, 10, 25), '2026-11-25 00:00:00.000'],
    [Date.UTC(1969, 11, 31, 23, 59, 59, 7), '1969-12-31 23:59:59.007'],
    [0, '1970-01-01 00:00:00.000'],
  ])('writes %d as %s', (ms, text) => {
    expect(chTime(ms)).toBe(text);
  });

  it('writes what toISOString writes, for any instant and in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), {
          minLength: 1,
        }),
        (instants) => {
          for (const ms of instants) {
            expect(chTime(ms)).toBe(new Date(ms).toISOString().replace('T', ' ').slice(0, 23));
            expect(Date.parse(isoFromChTime(chTime(ms)))).toBe(ms);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses an instant that is not one', () => {
    expect(() => chTime(NaN)).toThrow(RangeError);
  });
});
