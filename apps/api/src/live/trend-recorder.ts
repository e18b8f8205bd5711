import type { LiveSnapshot, TrendPoint, TrendSeries } from '@mieruka/contracts';
import { trendSeriesName } from '@mieruka/contracts';

/** One point per half minute over the last hour: what a tile's trend line shows. */
export const TREND_BUCKET_MS = 30_000;
export const TREND_POINTS = 120;

interface Sample {
  readonly at: number;
  readonly windows: LiveSnapshot['windows'];
  readonly live: LiveSnapshot['live'];
}

/**
 * The last hour of each watched scope's snapshots, one per half minute, from which a joining
 * screen gets its trend lines at once instead of drawing them from nothing after every reload.
 * Kept by scope, not by room: a TV reloading closes its room for a moment, the line stays. A
 * scope nobody has watched for an hour is forgotten (its points would all be older than that).
 * Samples hold the snapshot's own objects (made anew for each snapshot), so a point costs a
 * reference, and at most TREND_POINTS of them per scope.
 */
export class TrendRecorder {
  private readonly lines = new Map<string, Sample[]>();

  /** Keeps `snapshot` as the point of its half minute (the latest of the half minute wins). */
  record(key: string, at: number, snapshot: LiveSnapshot): void {
    let samples = this.lines.get(key);
    if (!samples) this.lines.set(key, (samples = []));
    const last = samples.at(-1);
    if (last && at < last.at) return; // a clock step back: keep the line in order
    const sample = { at, windows: snapshot.windows, live: snapshot.live };
    if (last && bucket(last.at) === bucket(at)) samples[samples.length - 1] = sample;
    else samples.push(sample);
    if (samples.length > TREND_POINTS) samples.splice(0, samples.length - TREND_POINTS);
  }

  /** The asked lines of a scope, oldest first, by `trendSeriesName`. */
  series(key: string, asked: readonly TrendSeries[]): Record<string, TrendPoint[]> {
    const samples = this.lines.get(key) ?? [];
    const out: Record<string, TrendPoint[]> = {};
    for (const s of asked) {
      out[trendSeriesName(s)] = samples.map((sample) => [sample.at, valueOf(sample, s)]);
    }
    return out;
  }

  /** Forgets the scopes whose newest point is older than the line's hour. */
  prune(now: number): void {
    for (const [key, samples] of this.lines) {
      const last = samples.at(-1);
      if (!last || now - last.at > TREND_BUCKET_MS * TREND_POINTS) this.lines.delete(key);
    }
  }

  get size(): number {
    return this.lines.size;
  }
}

function bucket(at: number): number {
  return at - (at % TREND_BUCKET_MS);
}

/** A series' number in a sample: null when the field is absent or not a finite number. */
function valueOf(sample: Sample, series: TrendSeries): number | null {
  const root: unknown = series.window === 'live' ? sample.live : sample.windows[series.window];
  let value: unknown = root;
  for (const part of series.key.split('.')) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  // A disposition not given yet is none of them, as the tile shows it: 0, not "no value".
  if (value === undefined && series.key.startsWith('dispositions.')) return 0;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
