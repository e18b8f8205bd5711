import { DAY_MS, type LocalTime } from '../zoned-time';

/** LocalTime.offsetAt answers per UTC quarter hour (see zoned-time). */
const QUARTER_HOUR_MS = 900_000;

/** Days counted on the tenant's wall clock: 0 = 1970-01-01 local. */
export function localDay(zone: LocalTime, t: number): number {
  return Math.floor((t + zone.offsetAt(t)) / DAY_MS);
}

/**
 * `localDay` for a stream of times that mostly arrive in order: the zone's offset is one
 * value per UTC quarter hour, so the offset of the last quarter hour asked about answers most
 * times without the zone's cache lookup. Same answers as `localDay`, always.
 */
export class LocalDays {
  private quarter = Number.NaN;
  private offset = 0;

  constructor(private readonly zone: LocalTime) {}

  dayOf(t: number): number {
    const quarter = Math.floor(t / QUARTER_HOUR_MS);
    if (quarter !== this.quarter) {
      this.offset = this.zone.offsetAt(t);
      this.quarter = quarter;
    }
    return Math.floor((t + this.offset) / DAY_MS);
  }
}
