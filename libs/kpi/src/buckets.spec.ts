import { bucketStart, timeSlots } from './buckets';

const iso = (ms: number) => new Date(ms).toISOString();

describe('timeSlots', () => {
  it('cuts a New York fall-back day into 25 local hours, 01:00 twice', () => {
    const from = Date.parse('2026-11-01T00:00:00-04:00');
    const to = Date.parse('2026-11-02T00:00:00-05:00');
    const { slots } = timeSlots(from, to, 'hour', 'America/New_York');
    expect(slots).toHaveLength(25);
    expect(slots.slice(1, 3).map((s) => iso(s.start))).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
    ]);
    expect(timeSlots(from, to, 'day', 'America/New_York').slots).toEqual([
      { aligned: from, start: from, end: to },
    ]);
  });

  it('starts Kathmandu hours at :15 UTC and cuts the range at its ends', () => {
    const from = Date.parse('2026-11-24T09:30:00+05:45');
    const to = Date.parse('2026-11-24T11:10:00+05:45');
    const { slots } = timeSlots(from, to, 'hour', 'Asia/Kathmandu');
    expect(slots.map((s) => [iso(s.aligned), iso(s.start), iso(s.end)])).toEqual([
      ['2026-11-24T03:15:00.000Z', '2026-11-24T03:45:00.000Z', '2026-11-24T04:15:00.000Z'],
      ['2026-11-24T04:15:00.000Z', '2026-11-24T04:15:00.000Z', '2026-11-24T05:15:00.000Z'],
      ['2026-11-24T05:15:00.000Z', '2026-11-24T05:15:00.000Z', '2026-11-24T05:25:00.000Z'],
    ]);
    expect(iso(bucketStart(to, '15m', 'Asia/Kathmandu'))).toBe('2026-11-24T05:15:00.000Z');
  });

  it('stops at the limit and says so', () => {
    const from = Date.parse('2026-11-24T00:00:00Z');
    const day = timeSlots(from, from + 86_400_000, '15m', 'UTC', 96);
    expect(day).toMatchObject({ truncated: false });
    expect(day.slots).toHaveLength(96);
    expect(timeSlots(from, from + 86_400_001, '15m', 'UTC', 96).truncated).toBe(true);
  });
});
