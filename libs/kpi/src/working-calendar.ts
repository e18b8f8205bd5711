import holidayJp from '@holiday-jp/holiday_jp';
import { HOLIDAY_CALENDARS, type HolidayCalendar, type TenantSettings } from '@mieruka/contracts';
import { weekdayOf, type LocalDate } from './zoned-time';

/**
 * The tenant's working calendar as the KGI pacing reads it (docs/kpis.md, KGIs): which local
 * dates are open and from when to when. Both engines pace through `kgiProgress`, which reads
 * the calendar only here, so the live fold and the SQL path cannot disagree on a working minute.
 */
export interface WorkingCalendar {
  /** Opening and closing as milliseconds after local midnight; `null` when closed all day. */
  hoursOn(day: LocalDate): { readonly open: number; readonly close: number } | null;
  /** The default `start`–`end` span: the "one working day" days left are counted in. */
  readonly standardDayMs: number;
}

/** The holiday-data package's version, for docs and diagnostics. */
export const JP_HOLIDAY_DATA_VERSION: string = holidayJp.VERSION;

/**
 * National holidays per country calendar, from @holiday-jp/holiday_jp (振替休日 and 国民の休日
 * included; data 1970–2050). Built once, on first use, as a set of YYYY-MM-DD keys: the
 * package's own `isHoliday` scans every key per call and reads Dates in the machine's zone.
 */
let countryHolidays: Readonly<Record<HolidayCalendar, ReadonlySet<string>>> | undefined;
function nationalHolidays(calendar: HolidayCalendar): ReadonlySet<string> {
  countryHolidays ??= { jp: new Set(Object.keys(holidayJp.holidays)) };
  return countryHolidays[calendar];
}

export function wallClockMs(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
}

export function dateKey(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function isCountryCalendar(entry: string): entry is HolidayCalendar {
  return (HOLIDAY_CALENDARS as readonly string[]).includes(entry);
}

export function workingCalendar(calendar: TenantSettings['workingCalendar']): WorkingCalendar {
  const days = new Set(calendar.days);
  const ownDates = new Set(calendar.holidays.filter((h) => !isCountryCalendar(h)));
  const countries = calendar.holidays.filter(isCountryCalendar).map(nationalHolidays);
  const closed = (key: string) => ownDates.has(key) || countries.some((c) => c.has(key));
  const standard = { open: wallClockMs(calendar.start), close: wallClockMs(calendar.end) };
  // Per-weekday overrides (v2), parsed once: index = ISO weekday.
  const byWeekday = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const own = calendar.hours?.[String(weekday) as '1'];
    return own ? { open: wallClockMs(own.start), close: wallClockMs(own.end) } : standard;
  });
  return {
    hoursOn(day) {
      const weekday = weekdayOf(day);
      if (!days.has(weekday) || closed(dateKey(day))) return null;
      return byWeekday[weekday - 1] ?? standard;
    },
    standardDayMs: standard.close - standard.open,
  };
}
