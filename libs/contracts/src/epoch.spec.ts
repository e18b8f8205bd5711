import fc from 'fast-check';
import { epochOf } from './epoch';
import { isRfc3339 } from './epoch';

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

describe('isRfc3339', () => {
  /** The calendar by Date: the month's last day, and whether Date.parse reads the text at all. */
  function byDate(value: string): boolean {
    const m =
      /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(
        value,
      );
    if (!m) return false;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
    const last = new Date(0);
    last.setUTCFullYear(year, month, 0);
    if (day < 1 || day > last.getUTCDate()) return false;
    if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
    return Number.isFinite(Date.parse(value.toUpperCase()));
  }

  it.each([
    ['2026-11-23T09:00:00.000+09:00', true],
    ['2024-02-29T00:00:00Z', true],
    ['2000-02-29T00:00:00Z', true],
    ['1900-02-29T00:00:00Z', false],
    ['2026-02-29T00:00:00Z', false],
    ['2026-11-31T10:00:00Z', false],
    ['2026-11-24T24:00:00Z', false],
    ['2026-11-24T10:00:60Z', false],
    ['2026-11-24T10:00:00+24:00', false],
    ['2026-11-24T10:00:00-05:60', false],
    ['2026-11-24T10:00:00', false],
    ['2026-11-24T10:00:00.1234Z', false],
    ['2026-11-24 10:00:00Z', false],
  ])('%s → %s', (text, expected) => {
    expect(isRfc3339(text)).toBe(expected);
    expect(byDate(text)).toBe(expected);
  });

  it('agrees with Date’s calendar on timestamps with every field in or near its range', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const textArb = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.constantFrom('', '.1', '.12', '.123', '.1234', '.'),
        zone: fc.oneof(
          fc.constantFrom('Z', 'z', ''),
          fc
            .record({
              sign: fc.constantFrom('+', '-'),
              h: fc.integer({ min: 0, max: 25 }),
              m: fc.integer({ min: 0, max: 61 }),
            })
            .map(({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`),
        ),
      })
      .map(
        (t) =>
          `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:` +
          `${pad(t.second)}${t.fraction}${t.zone}`,
      );
    fc.assert(
      fc.property(textArb, (text) => {
        expect(isRfc3339(text)).toBe(byDate(text));
      }),
      { numRuns: 5000 },
    );
  });
});
