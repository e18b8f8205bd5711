import { LocalTime, addDays, startOfLocalDay, weekdayOf } from './zoned-time';

const H = 3_600_000;

describe('zoned time', () => {
  it.each([
    ['Asia/Tokyo', '2026-11-24T10:07:00+09:00', '2026-11-23T15:00:00.000Z'],
    ['Asia/Kathmandu', '2026-11-24T00:10:00+05:45', '2026-11-23T18:15:00.000Z'],
    // The day DST ends in New York is 25 hours long and starts at EDT midnight.
    ['America/New_York', '2026-11-01T23:00:00-05:00', '2026-11-01T04:00:00.000Z'],
    ['America/New_York', '2026-11-02T00:00:00-05:00', '2026-11-02T05:00:00.000Z'],
  ])('local midnight in %s for %s', (zone, at, midnight) => {
    expect(new Date(startOfLocalDay(Date.parse(at), zone)).toISOString()).toBe(midnight);
  });

  it('reads the local wall clock', () => {
    const tokyo = new LocalTime('Asia/Tokyo');
    expect(tokyo.parts(Date.parse('2026-11-24T01:30:00Z'))).toEqual({
      year: 2026,
      month: 11,
      day: 24,
      weekday: 2,
      hour: 10,
      msOfDay: 10.5 * H,
    });
    expect(new LocalTime('Asia/Kathmandu').parts(Date.parse('2026-11-24T04:15:00Z')).msOfDay).toBe(
      10 * H,
    );
  });

  it('follows daylight saving in New York', () => {
    const ny = new LocalTime('America/New_York');
    expect(ny.offsetAt(Date.parse('2026-10-31T12:00:00Z'))).toBe(-4 * H);
    expect(ny.offsetAt(Date.parse('2026-11-02T12:00:00Z'))).toBe(-5 * H);
    expect(ny.toEpoch({ year: 2026, month: 10, day: 31 }, 9 * H)).toBe(
      Date.parse('2026-10-31T13:00:00Z'),
    );
    expect(ny.toEpoch({ year: 2026, month: 11, day: 2 }, 9 * H)).toBe(
      Date.parse('2026-11-02T14:00:00Z'),
    );
    expect(ny.parts(Date.parse('2026-11-01T06:30:00Z')).hour).toBe(1); // the second 01:30
  });

  it('reads a repeated wall time as the earlier instant and a skipped one as Temporal does', () => {
    const ny = new LocalTime('America/New_York');
    expect(new Date(ny.toEpoch({ year: 2026, month: 11, day: 1 }, 1.5 * H)).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(new Date(ny.toEpoch({ year: 2026, month: 3, day: 8 }, 2.5 * H)).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('counts days and weekdays on the calendar', () => {
    expect(addDays({ year: 2026, month: 11, day: 30 }, 1)).toEqual({
      year: 2026,
      month: 12,
      day: 1,
    });
    expect(weekdayOf({ year: 2026, month: 11, day: 23 })).toBe(1);
    expect(weekdayOf({ year: 2026, month: 11, day: 29 })).toBe(7);
  });

  it('rejects an unknown zone', () => {
    expect(() => new LocalTime('Nowhere/Special')).toThrow(RangeError);
  });
});
