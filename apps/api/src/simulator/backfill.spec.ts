import { planBackfill } from './backfill';

const TOKYO = 'Asia/Tokyo';
const at = (iso: string) => Date.parse(iso);

describe('planBackfill', () => {
  it('replays the local month to date on a first start, a day counted in the zone', () => {
    // 00:30 on the 7th in Tokyo is still the 6th in UTC: the month's days are the tenant's.
    const plan = planBackfill(at('2026-12-07T00:30:00+09:00'), TOKYO, 31, null);
    expect(plan).toEqual({
      start: at('2026-12-01T00:00:00+09:00'),
      storeFrom: at('2026-12-01T00:00:00+09:00'),
      days: 7,
    });
  });

  it('caps the days: 1 is today from local midnight, as the simulator always did', () => {
    const now = at('2026-12-28T23:30:00+09:00');
    expect(planBackfill(now, TOKYO, 1, null)).toMatchObject({
      start: at('2026-12-28T00:00:00+09:00'),
      days: 1,
    });
    expect(planBackfill(now, TOKYO, 7, null)).toMatchObject({
      start: at('2026-12-22T00:00:00+09:00'),
      days: 7,
    });
  });

  it('on a restart stores only from the newest stored event, the start (and so the ids) unchanged', () => {
    const now = at('2026-12-06T23:30:00+09:00');
    const last = at('2026-12-06T23:10:00+09:00');
    expect(planBackfill(now, TOKYO, 31, last)).toEqual({
      start: at('2026-12-01T00:00:00+09:00'),
      storeFrom: last,
      days: 6,
    });
  });

  it('ignores a newest event from last month, and one from the future', () => {
    const now = at('2026-12-02T12:00:00+09:00');
    const monthStart = at('2026-12-01T00:00:00+09:00');
    expect(planBackfill(now, TOKYO, 31, at('2026-11-30T22:00:00+09:00')).storeFrom).toBe(
      monthStart,
    );
    expect(planBackfill(now, TOKYO, 31, now + 3_600_000).storeFrom).toBe(now);
  });
});
