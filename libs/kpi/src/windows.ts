import type { WindowName } from '@mieruka/contracts';
import { startOfLocalDay } from './zoned-time';

/** A KPI window as the half-open range (after, until] of epoch milliseconds. */
export interface WindowRange {
  /** Events strictly after this instant count… */
  readonly after: number;
  /** …up to and including this one (`at`). */
  readonly until: number;
  /** Where the window begins, for durations (agent-state time): `today` from midnight sharp. */
  readonly start: number;
}

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;

/**
 * The four windows of docs/kpis.md at `at`, in the tenant's zone. `today` and `interval`
 * include their start; the rolling windows exclude theirs. Every UTC offset in use is a
 * multiple of 15 minutes, so the local quarter-hour grid is the UTC one (Kathmandu's :00 is
 * UTC :15) and stays right through DST's repeated hour.
 */
export function windowRanges(at: number, timeZone: string): Record<WindowName, WindowRange> {
  const intervalStart = Math.floor(at / QUARTER_HOUR) * QUARTER_HOUR;
  const midnight = startOfLocalDay(at, timeZone);
  return {
    today: { after: midnight - 1, until: at, start: midnight },
    interval: { after: intervalStart - 1, until: at, start: intervalStart },
    rolling15: { after: at - 15 * MINUTE, until: at, start: at - 15 * MINUTE },
    rolling60: { after: at - 60 * MINUTE, until: at, start: at - 60 * MINUTE },
  };
}
