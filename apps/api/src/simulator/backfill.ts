import { DAY_MS, LocalTime, addDays, type LocalDate } from '@mieruka/kpi';

/** Where the built-in simulator starts and what of its replay is stored. */
export interface BackfillPlan {
  /**
   * The simulation's start: the local month's first midnight (or the oldest day the cap
   * allows). Fixed for the day at least, so ids are the same on every start that day and a
   * restart's replay is absorbed as duplicates instead of counted twice.
   */
  readonly start: number;
  /** Events before this are simulated but not stored: the store already has them. */
  readonly storeFrom: number;
  /** Local days from `start` to now, both included (for the progress line). */
  readonly days: number;
}

/**
 * The month to date, at most `maxDays` local days (today included). `lastStored` is the newest
 * event the store holds for the tenant: a restart stores only from there, so it costs the
 * simulation's CPU for the days before, not their ingest (minutes on a small host).
 */
export function planBackfill(
  now: number,
  timezone: string,
  maxDays: number,
  lastStored: number | null,
): BackfillPlan {
  const local = new LocalTime(timezone);
  const today = local.dateOf(now);
  const monthStart = local.startOfDay({ ...today, day: 1 });
  const capStart = local.startOfDay(addDays(today, -(Math.max(1, maxDays) - 1)));
  const start = Math.max(monthStart, capStart);
  const storeFrom = lastStored !== null && lastStored > start ? Math.min(lastStored, now) : start;
  return { start, storeFrom, days: daysBetween(local.dateOf(start), today) + 1 };
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) /
      DAY_MS,
  );
}

/** 'YYYY-MM-DD' of a local date, for the console. */
export function isoDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
