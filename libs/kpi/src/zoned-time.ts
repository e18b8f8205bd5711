/**
 * Local wall-clock arithmetic in an IANA time zone, DST-safe, from the platform's Intl data
 * only. Everything takes and returns epoch milliseconds; nothing reads the clock. Used by the
 * KPI windows ("today", 15-minute intervals), KGI calendars and the simulator's shifts.
 */

export const DAY_MS = 86_400_000;
/**
 * Every UTC offset in use is a multiple of 15 minutes and every transition happens on a UTC
 * quarter hour, so the offset is constant within each UTC quarter hour: one Intl call per
 * quarter hour, cached, answers every question about local time.
 */
const QUARTER_HOUR_MS = 900_000;

export interface LocalDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export interface LocalParts extends LocalDate {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
  /** Milliseconds since local midnight (wall clock). */
  readonly msOfDay: number;
}

export class LocalTime {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  /** Throws a RangeError for a time zone Intl does not know. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC at `ms`, in milliseconds (+32,400,000 in Tokyo). */
  offsetAt(ms: number): number {
    const slot = Math.floor(ms / QUARTER_HOUR_MS);
    const cached = this.offsets.get(slot);
    if (cached !== undefined) return cached;
    const at = slot * QUARTER_HOUR_MS;
    const parts = new Map<string, number>();
    for (const part of this.format.formatToParts(at)) parts.set(part.type, Number(part.value));
    const field = (name: string) => parts.get(name) ?? 0;
    const wall = Date.UTC(
      field('year'),
      field('month') - 1,
      field('day'),
      field('hour'),
      field('minute'),
      field('second'),
    );
    const offset = wall - at;
    // A process left running for years would otherwise grow this map without bound.
    if (this.offsets.size > 100_000) this.offsets.clear();
    this.offsets.set(slot, offset);
    return offset;
  }

  parts(ms: number): LocalParts {
    const wall = ms + this.offsetAt(ms);
    const d = new Date(wall);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday: isoWeekday(d.getUTCDay()),
      hour: d.getUTCHours(),
      msOfDay: ((wall % DAY_MS) + DAY_MS) % DAY_MS,
    };
  }

  dateOf(ms: number): LocalDate {
    const { year, month, day } = this.parts(ms);
    return { year, month, day };
  }

  /**
   * The instant at which the wall clock of `date` shows `msOfDay`, disambiguated like
   * Temporal's `compatible`: a time that happens twice (the hour repeated when DST ends) is
   * the earlier instant; a time that never happens (skipped when DST starts) is read with the
   * offset before the jump, so it lands as far after the jump as it was meant to be.
   */
  toEpoch(date: LocalDate, msOfDay: number): number {
    const wall = Date.UTC(date.year, date.month - 1, date.day) + msOfDay;
    // No zone changes its offset twice within two days: these are the only candidates.
    const before = wall - this.offsetAt(wall - DAY_MS);
    const after = wall - this.offsetAt(wall + DAY_MS);
    const exact = [before, after].filter((t) => t + this.offsetAt(t) === wall);
    return exact.length > 0 ? Math.min(...exact) : before;
  }

  startOfDay(date: LocalDate): number {
    return this.toEpoch(date, 0);
  }
}

const zones = new Map<string, LocalTime>();

/** A shared, cached `LocalTime` per zone. */
export function localTime(timeZone: string): LocalTime {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new LocalTime(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Local midnight that starts the local day containing `ms`. */
export function startOfLocalDay(ms: number, timeZone: string): number {
  const zone = localTime(timeZone);
  return zone.startOfDay(zone.dateOf(ms));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(date: LocalDate): number {
  return isoWeekday(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay());
}

function isoWeekday(jsDay: number): number {
  return jsDay === 0 ? 7 : jsDay;
}
