import type { TimeBucket } from '@mieruka/contracts';
import { localTime, startOfLocalDay } from './zoned-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUARTER_HOUR = 15 * MINUTE;

/** A bucket of history: [start, end) in epoch ms; `aligned` is where the full bucket begins. */
export interface TimeSlot {
  readonly aligned: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The start of the local bucket containing `ms`. Quarter hours are the UTC grid (every offset
 * in use is a multiple of 15 minutes, see windows.ts); hours and days follow the local wall
 * clock, so Kathmandu's hours start at :15 UTC and a DST day is 23 or 25 hours long.
 */
export function bucketStart(ms: number, size: TimeBucket, timeZone: string): number {
  switch (size) {
    case '15m':
      return Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
    case 'hour': {
      const wall = ms + localTime(timeZone).offsetAt(ms);
      return ms - (((wall % HOUR) + HOUR) % HOUR);
    }
    case 'day':
      return startOfLocalDay(ms, timeZone);
  }
}

/** The start of the bucket after the one starting at `aligned`. */
function nextBucket(aligned: number, size: TimeBucket, timeZone: string): number {
  switch (size) {
    case '15m':
      return aligned + QUARTER_HOUR;
    case 'hour':
      // Half an hour into the next hour, whatever DST did to this one.
      return bucketStart(aligned + 90 * MINUTE, size, timeZone);
    case 'day':
      // Noon-ish of the next day: local days are 23 to 25 hours long.
      return bucketStart(aligned + 36 * HOUR, size, timeZone);
  }
}

/**
 * The local buckets covering [from, to), in order, the first and last cut to the range. Stops
 * after `limit` buckets and reports whether there were more.
 */
export function timeSlots(
  from: number,
  to: number,
  size: TimeBucket,
  timeZone: string,
  limit = Infinity,
): { slots: TimeSlot[]; truncated: boolean } {
  const slots: TimeSlot[] = [];
  for (let aligned = bucketStart(from, size, timeZone); aligned < to;) {
    if (slots.length >= limit) return { slots, truncated: true };
    const next = nextBucket(aligned, size, timeZone);
    slots.push({ aligned, start: Math.max(aligned, from), end: Math.min(next, to) });
    aligned = next;
  }
  return { slots, truncated: false };
}
