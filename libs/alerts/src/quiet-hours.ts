import type { QuietHours } from '@mieruka/contracts';
import { localTime } from '@mieruka/kpi';

const MINUTE_MS = 60_000;

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Whether `at` falls in the quiet hours, read on the tenant's wall clock (not the server's).
 * A span past midnight (22:00–07:00) belongs to the weekday it starts on, so "Friday
 * 22:00–07:00" keeps Saturday 03:00 quiet. `from` equal to `to` is the whole day.
 */
export function inQuietHours(quiet: QuietHours | undefined, at: number, timeZone: string): boolean {
  if (!quiet) return false;
  const parts = localTime(timeZone).parts(at);
  const minute = Math.floor(parts.msOfDay / MINUTE_MS);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const dayOk = (weekday: number) => !quiet.weekdays || quiet.weekdays.includes(weekday);
  if (from < to) return minute >= from && minute < to && dayOk(parts.weekday);
  if (from === to) return dayOk(parts.weekday);
  // Past midnight: the evening part today, or the morning part of a span that began yesterday.
  if (minute >= from) return dayOk(parts.weekday);
  return minute < to && dayOk(parts.weekday === 1 ? 7 : parts.weekday - 1);
}
