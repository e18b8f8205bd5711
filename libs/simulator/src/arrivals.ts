/**
 * Inbound arrivals: a non-homogeneous Poisson process whose intensity follows the queue's
 * local-hour curve, its weekday factor and its opening hours.
 */
import {
  DAY_MS,
  HOUR_MS,
  parseWindow,
  QUARTER_HOUR_MS,
  type ClockWindow,
  type LocalTime,
} from './local-time';
import type { QueueProfile } from './profile';
import { exponential, type Rng } from './random';

/** How far ahead one draw looks for the next arrival before giving up for now (closed queue). */
export const ARRIVAL_HORIZON_MS = 8 * DAY_MS;

export class ArrivalCurve {
  private readonly hourly: readonly number[];
  private readonly open: ClockWindow | undefined;
  /** Integral of `shape` over one 24-hour local day, in hours: divides it into `callsPerDay`. */
  private readonly dayMass: number;

  constructor(
    private readonly queue: QueueProfile,
    private readonly weekdayFactors: readonly number[],
    private readonly rate: number,
  ) {
    this.hourly = queue.hourly;
    this.open = queue.open === undefined ? undefined : parseWindow(queue.open, 'queue.open');
    let mass = 0;
    for (let slot = 0; slot < DAY_MS / QUARTER_HOUR_MS; slot++) {
      mass += this.shape(slot * QUARTER_HOUR_MS + QUARTER_HOUR_MS / 2) / 4;
    }
    this.dayMass = mass;
  }

  /**
   * Relative intensity at a local time of day: the hourly weights interpolated linearly
   * between hour midpoints (a smooth ramp instead of hourly steps), zero outside opening hours.
   */
  private shape(msOfDay: number): number {
    if (this.open && (msOfDay < this.open.start || msOfDay >= this.open.end)) return 0;
    const x = msOfDay / HOUR_MS - 0.5;
    const i = Math.floor(x);
    const frac = x - i;
    const w0 = this.hourly[(i + 24) % 24] ?? 0;
    const w1 = this.hourly[(i + 1) % 24] ?? 0;
    return w0 * (1 - frac) + w1 * frac;
  }

  /**
   * Arrivals per millisecond during the UTC quarter hour starting at `slotStart`. Every time
   * zone's offset is constant over a UTC quarter hour, so the local time of day is too: a
   * piecewise constant intensity on quarter hours follows local time exactly, DST days
   * included. Normalised so that an ordinary local day offers `callsPerDay` on average.
   */
  intensity(local: LocalTime, slotStart: number): number {
    if (this.dayMass <= 0) return 0;
    const middle = local.parts(slotStart + QUARTER_HOUR_MS / 2);
    const factor = this.weekdayFactors[middle.weekday - 1] ?? 1;
    const perHour =
      (this.queue.callsPerDay * factor * this.rate * this.shape(middle.msOfDay)) / this.dayMass;
    return perHour / HOUR_MS;
  }

  /**
   * The next arrival after `from` by time rescaling: draw E ~ Exp(1) and walk the quarter
   * hours until the integrated intensity reaches E. Exact for a piecewise constant rate, and
   * it costs a handful of steps however quiet the night. Returns `{ next }`, or `{ retry }`
   * when nothing arrives within the horizon (the caller draws again from there, which is the
   * same process because it is memoryless).
   */
  next(local: LocalTime, rng: Rng, from: number): { next: number } | { retry: number } {
    let need = exponential(rng, 1);
    let t = from;
    const horizon = from + ARRIVAL_HORIZON_MS;
    while (t < horizon) {
      const slotEnd = (Math.floor(t / QUARTER_HOUR_MS) + 1) * QUARTER_HOUR_MS;
      const lambda = this.intensity(local, slotEnd - QUARTER_HOUR_MS);
      if (lambda > 0) {
        const mass = lambda * (slotEnd - t);
        if (mass >= need) return { next: Math.round(t + need / lambda) };
        need -= mass;
      }
      t = slotEnd;
    }
    return { retry: horizon };
  }
}
