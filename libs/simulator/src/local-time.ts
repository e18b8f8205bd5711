/**
 * The simulator's local-time helpers: parsing of shift and opening-hour clocks. The zone
 * arithmetic itself is the KPI engine's (one implementation, shared).
 */
export {
  DAY_MS,
  LocalTime,
  addDays,
  weekdayOf,
  type LocalDate,
  type LocalParts,
} from '@mieruka/kpi';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/** 'HH:MM' → milliseconds since midnight; '24:00' is allowed as the end of a window. */
export function parseClock(value: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  if (!m || minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    throw new RangeError(`${what}: "${value}" is not a wall-clock time HH:MM`);
  }
  return hours * HOUR_MS + minutes * MINUTE_MS;
}

/** A local window 'HH:MM-HH:MM' within one day, as [start, end) milliseconds of the day. */
export interface ClockWindow {
  readonly start: number;
  readonly end: number;
}

export function parseWindow(value: string, what: string): ClockWindow {
  const [from, to, ...rest] = value.split('-');
  if (from === undefined || to === undefined || rest.length > 0) {
    throw new RangeError(`${what}: "${value}" is not a window HH:MM-HH:MM`);
  }
  const window = { start: parseClock(from, what), end: parseClock(to, what) };
  if (window.end <= window.start) {
    throw new RangeError(
      `${what}: "${value}" must end after it starts (windows stay within a day)`,
    );
  }
  return window;
}
