import type { LiveSnapshot } from '@mieruka/contracts';
import { TREND_BUCKET_MS, TREND_POINTS, TrendRecorder } from './trend-recorder';

const T0 = Date.parse('2026-12-06T22:00:00+09:00'); // a Sunday night in Tokyo: any instant will do

function snapshot(
  serviceLevel: number | null,
  inQueue: number,
  appointments?: number,
): LiveSnapshot {
  return {
    windows: {
      today: {
        serviceLevel,
        dispositions: appointments === undefined ? {} : { appointment: appointments },
      },
    },
    live: { inQueue },
  } as unknown as LiveSnapshot;
}

describe('the trend recorder', () => {
  it('keeps one point per half minute, the latest of each, and answers the asked lines', () => {
    const trends = new TrendRecorder();
    trends.record('default|tenant', T0, snapshot(0.9, 1, 2));
    trends.record('default|tenant', T0 + 10_000, snapshot(0.8, 2, 3)); // same half minute
    trends.record('default|tenant', T0 + TREND_BUCKET_MS, snapshot(null, 4));
    expect(
      trends.series('default|tenant', [
        { window: 'today', key: 'serviceLevel' },
        { window: 'live', key: 'inQueue' },
        { window: 'today', key: 'dispositions.appointment' },
        { window: 'rolling15', key: 'serviceLevel' },
      ]),
    ).toEqual({
      'today.serviceLevel': [
        [T0 + 10_000, 0.8],
        [T0 + TREND_BUCKET_MS, null],
      ],
      'live.inQueue': [
        [T0 + 10_000, 2],
        [T0 + TREND_BUCKET_MS, 4],
      ],
      'today.dispositions.appointment': [
        [T0 + 10_000, 3],
        [T0 + TREND_BUCKET_MS, 0],
      ],
      'rolling15.serviceLevel': [
        [T0 + 10_000, null],
        [T0 + TREND_BUCKET_MS, null],
      ],
    });
    expect(trends.series('default|team:blue', [{ window: 'live', key: 'inQueue' }])).toEqual({
      'live.inQueue': [],
    });
  });

  it('holds an hour at most, ignores a step back in time, and forgets a scope an hour unwatched', () => {
    const trends = new TrendRecorder();
    for (let i = 0; i < TREND_POINTS + 30; i++) {
      trends.record('t|tenant', T0 + i * TREND_BUCKET_MS, snapshot(i, i));
    }
    trends.record('t|tenant', T0, snapshot(-1, -1));
    const line = trends.series('t|tenant', [{ window: 'live', key: 'inQueue' }])['live.inQueue']!;
    expect(line).toHaveLength(TREND_POINTS);
    expect(line[0]).toEqual([T0 + 30 * TREND_BUCKET_MS, 30]);
    expect(line.at(-1)).toEqual([T0 + (TREND_POINTS + 29) * TREND_BUCKET_MS, TREND_POINTS + 29]);

    const last = T0 + (TREND_POINTS + 29) * TREND_BUCKET_MS;
    trends.prune(last + TREND_BUCKET_MS * TREND_POINTS);
    expect(trends.size).toBe(1);
    trends.prune(last + TREND_BUCKET_MS * TREND_POINTS + 1);
    expect(trends.size).toBe(0);
  });
});
