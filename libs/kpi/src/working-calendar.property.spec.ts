import holidayJp from '@holiday-jp/holiday_jp';
import fc from 'fast-check';
import { streamArb } from '../../../tests/support/arbitraries';
import { kgiPeriod, workingTime } from './kgi';
import { dateKey, wallClockMs, workingCalendar } from './working-calendar';
import { weekdayOf } from './zoned-time';

/**
 * The calendar the property tests draw (jp holidays, own dates, per-weekday hours) read back
 * against the package's own table and the settings, date by date — and pacing that only moves
 * forward and ends whole.
 */
describe('working calendar, on drawn settings', () => {
  const dateArb = fc
    .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z') })
    .filter((d) => !Number.isNaN(d.getTime()))
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));

  it('opens a date exactly when its weekday works and neither list closes it', () => {
    fc.assert(
      fc.property(streamArb, dateArb, ({ settings }, date) => {
        const c = settings.workingCalendar;
        const key = dateKey(date);
        const weekday = weekdayOf(date);
        const national = c.holidays.includes('jp') && key in holidayJp.holidays;
        const closed = !c.days.includes(weekday) || c.holidays.includes(key) || national;
        const own = c.hours?.[String(weekday) as '1'] ?? c;
        expect(workingCalendar(c).hoursOn(date)).toEqual(
          closed ? null : { open: wallClockMs(own.start), close: wallClockMs(own.end) },
        );
      }),
      { numRuns: 100 },
    );
  });

  it('paces forward only, and a period ends with all its working time elapsed', () => {
    fc.assert(
      fc.property(streamArb, fc.nat({ max: 40 * 86_400_000 }), ({ settings, at }, later) => {
        for (const kgi of settings.kgis) {
          const period = kgiPeriod(kgi.period, at, settings.tenant.timezone);
          const now = workingTime(period, at, settings);
          const then = workingTime(period, at + later, settings);
          expect(then.total).toBe(now.total);
          expect(then.elapsed).toBeGreaterThanOrEqual(now.elapsed);
          expect(workingTime(period, period.end, settings).elapsed).toBe(now.total);
        }
      }),
      { numRuns: 100 },
    );
  });
});
