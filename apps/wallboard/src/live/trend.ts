import type { TrendPoint } from '@mieruka/contracts';

export type { TrendPoint };

export interface TrendOptions {
  /** Most points kept per line: a TV runs for days, its memory must not grow. */
  readonly capacity: number;
  /** Points closer together than this replace each other: one point per bucket. */
  readonly bucketMs: number;
}

export const DEFAULT_TREND: TrendOptions = { capacity: 120, bucketMs: 30_000 };

/**
 * A bounded trend line, sampled from the live snapshots as they arrive and seeded with the
 * server's last hour when the screen joins (`merge`), so a reload draws it at once. With the
 * defaults it covers the last hour in half-minute steps, as the server keeps it.
 */
export class Trend {
  private points: TrendPoint[] = [];

  constructor(private readonly options: TrendOptions = DEFAULT_TREND) {}

  add(time: number, value: number | null): void {
    const last = this.points.at(-1);
    if (last && time < last[0]) return; // an older snapshot after a newer one: keep order
    if (last && this.bucketStart(last[0]) === this.bucketStart(time)) {
      last[1] = value;
      return;
    }
    this.points.push([time, value]);
    if (this.points.length > this.options.capacity) {
      this.points.splice(0, this.points.length - this.options.capacity);
    }
  }

  /**
   * The server's points of this line (its last hour, from a join) merged under the ones this
   * screen sampled itself: one point per bucket, the screen's own where both have one.
   */
  merge(points: readonly TrendPoint[]): void {
    const own = new Map(this.points.map((p) => [this.bucketStart(p[0]), p] as const));
    const merged = new Map<number, TrendPoint>();
    for (const [t, v] of points) merged.set(this.bucketStart(t), [t, v]);
    for (const [b, p] of own) merged.set(b, p);
    this.points = [...merged.values()].sort((a, b) => a[0] - b[0]).slice(-this.options.capacity);
  }

  /** A copy, oldest first (charts may keep what they are given). */
  values(): TrendPoint[] {
    return this.points.map(([t, v]) => [t, v]);
  }

  get size(): number {
    return this.points.length;
  }

  private bucketStart(time: number): number {
    return time - (time % this.options.bucketMs);
  }
}

/**
 * The trends of every tile on a screen, by key. Keys come from the layout, so the number of
 * lines is bounded too; `retain` drops the lines of tiles no longer shown.
 */
export class TrendBook {
  private readonly lines = new Map<string, Trend>();

  constructor(private readonly options: TrendOptions = DEFAULT_TREND) {}

  line(key: string): Trend {
    let trend = this.lines.get(key);
    if (!trend) {
      trend = new Trend(this.options);
      this.lines.set(key, trend);
    }
    return trend;
  }

  retain(keys: Iterable<string>): void {
    const keep = new Set(keys);
    for (const key of this.lines.keys()) if (!keep.has(key)) this.lines.delete(key);
  }

  get size(): number {
    return this.lines.size;
  }
}
