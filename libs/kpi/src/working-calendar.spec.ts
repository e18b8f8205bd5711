import { tenantSettingsSchema, type TenantSettings } from '@mieruka/contracts';
import { kgiPeriod, kgiProgress, workingTime } from './kgi';
import { workingCalendar } from './working-calendar';

/**
 * The Japanese working calendar (docs/kpis.md, KGIs): national holidays from
 * @holiday-jp/holiday_jp merged with the centre's own closed days, and per-weekday hours.
 * Instants are written with their +09:00 offset, so nothing depends on the machine's zone.
 */

const HOUR = 3_600_000;

function settings(workingCalendar: unknown): TenantSettings {
  return tenantSettingsSchema.parse({
    tenant: { timezone: 'Asia/Tokyo' },
    workingCalendar,
  });
}

const day = (iso: string) => {
  const [year, month, d] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day: d };
};

/** Mon–Sat, 09:00–18:00 with Saturdays 09:00–13:00, closed on Japan's national holidays. */
const JAPAN = settings({
  days: [1, 2, 3, 4, 5, 6],
  start: '09:00',
  end: '18:00',
  hours: { '6': { start: '09:00', end: '13:00' } },
  holidays: ['jp'],
});

describe('working calendar', () => {
  it('closes on 2026-05-06, the 振替休日 for Children’s Day falling after a Sunday 憲法記念日', () => {
    const calendar = workingCalendar(JAPAN.workingCalendar);
    expect(calendar.hoursOn(day('2026-05-06'))).toBeNull();
    // A Wednesday: without the country calendar the centre would be open.
    const v1 = workingCalendar(settings({ holidays: [] }).workingCalendar);
    expect(v1.hoursOn(day('2026-05-06'))).toEqual({ open: 9 * HOUR, close: 18 * HOUR });
  });

  it('closes on 2026-09-22, a 国民の休日 between 敬老の日 and 秋分の日', () => {
    const calendar = workingCalendar(JAPAN.workingCalendar);
    for (const date of ['2026-09-21', '2026-09-22', '2026-09-23']) {
      expect(calendar.hoursOn(day(date))).toBeNull();
    }
    expect(calendar.hoursOn(day('2026-09-24'))).toEqual({ open: 9 * HOUR, close: 18 * HOUR });
  });

  it('merges the centre’s own closed days with the national ones', () => {
    const calendar = workingCalendar(settings({ holidays: ['jp', '2026-12-29'] }).workingCalendar);
    expect(calendar.hoursOn(day('2026-12-29'))).toBeNull(); // the centre's own (a Tuesday)
    expect(calendar.hoursOn(day('2026-11-03'))).toBeNull(); // 文化の日, from the package
    expect(calendar.hoursOn(day('2026-12-28'))).not.toBeNull();
  });

  it('opens a Saturday for its own short hours, and only when Saturday is a working day', () => {
    expect(workingCalendar(JAPAN.workingCalendar).hoursOn(day('2026-05-09'))).toEqual({
      open: 9 * HOUR,
      close: 13 * HOUR,
    });
    const weekdaysOnly = settings({ hours: { '6': { start: '09:00', end: '13:00' } } });
    expect(workingCalendar(weekdaysOnly.workingCalendar).hoursOn(day('2026-05-09'))).toBeNull();
    // Saturday 2026-05-09 11:00 JST: two of its four hours have passed.
    const at = Date.parse('2026-05-09T11:00:00+09:00');
    const period = kgiPeriod({ start: '2026-05-09', end: '2026-05-09' }, at, 'Asia/Tokyo');
    expect(workingTime(period, at, JAPAN)).toEqual({ total: 4 * HOUR, elapsed: 2 * HOUR });
  });

  it('paces a May KGI on the Friday after Golden Week (worked by hand)', () => {
    // May 2026 (1st a Friday), Mon–Sat, weekdays 9 h, Saturdays 4 h, closed on Sundays and on
    // 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日 (5/3 憲法記念日 is a Sunday anyway).
    // Weekdays open: 1, 7, 8, 11–15, 18–22, 25–29 = 18 × 9 h = 162 h.
    // Saturdays: 2, 9, 16, 23, 30 = 5 × 4 h = 20 h. Total 182 h.
    // At Fri 2026-05-08 12:00 JST: 5/1 9 h + 5/2 4 h + 5/7 9 h + 5/8 3 h = 25 h elapsed.
    // expectedFraction = 25 / 182; with actual 30 000 of target 182 000:
    // pace = (30 000 / 182 000) / (25 / 182) = 1.2 → ahead; projected = 30 000 × 182 / 25 =
    // 218 400; days left = (182 − 25) h / 9 h = 157 / 9; needed = 152 000 × 9 / 157.
    const at = Date.parse('2026-05-08T12:00:00+09:00');
    const kgi = { id: 'm', metric: 'revenue', target: 182_000, period: 'month' } as const;
    const progress = kgiProgress(kgi, 30_000, at, JAPAN);
    expect(progress.expectedFraction).toBeCloseTo(25 / 182, 12);
    expect(progress.pace).toBeCloseTo(1.2, 12);
    expect(progress.projected).toBeCloseTo(218_400, 6);
    expect(progress.remainingWorkingDays).toBeCloseTo(157 / 9, 12);
    expect(progress.requiredPerWorkingDay).toBeCloseTo((152_000 * 9) / 157, 6);
    expect(progress.status).toBe('ahead');
    // The same centre listing no holidays would expect 5/4–5/6 worked too: 52 h of 209 h.
    const noHolidays = settings({ ...JAPAN.workingCalendar, holidays: [] });
    expect(kgiProgress(kgi, 30_000, at, noHolidays).expectedFraction).toBeCloseTo(52 / 209, 12);
  });
});
