import fc from 'fast-check';
import { epochOf } from './epoch';
import { isRfc3339 } from './event';

describe('epochOf', () => {
  it.each([
    ['2026-11-23T09:00:00.000+09:00', '2026-11-23T00:00:00.000Z'],
    ['2026-11-23t09:00:00Z', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T09:00:00.5z', '2026-11-23T09:00:00.500Z'],
    ['2026-11-23T09:00:00.07-05:00', '2026-11-23T14:00:00.070Z'],
    ['2026-11-24T10:07:00.123+05:45', '2026-11-24T04:22:00.123Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(new Date(epochOf(text)).toISOString()).toBe(expected);
  });

  it('agrees with Date.parse on every valid timestamp', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const timestampArb = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fraction: fc.constantFrom('', '.1', '.12', '.123'),
        zone: fc.constantFrom('Z', 'z', '+09:00', '-05:00', '+05:45', '-00:30', '+14:00'),
        t: fc.constantFrom('T', 't'),
      })
      .map(({ ms, fraction, zone, t }) => {
        const d = new Date(ms);
        return (
          `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
          `${t}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
          `${fraction}${zone}`
        );
      });
    fc.assert(
      fc.property(timestampArb, (text) => {
        expect(isRfc3339(text)).toBe(true);
        expect(epochOf(text)).toBe(Date.parse(text.toUpperCase()));
      }),
      { numRuns: 2000 },
    );
  });
});
