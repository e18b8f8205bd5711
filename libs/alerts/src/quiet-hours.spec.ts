import { inQuietHours } from './quiet-hours';

describe('inQuietHours', () => {
  const at = (iso: string) => Date.parse(iso);

  it('reads the tenant’s wall clock, not the machine’s', () => {
    const quiet = { from: '12:00', to: '13:00' };
    // 12:30 in Tokyo is 03:30 UTC and 22:30 the day before in New York.
    expect(inQuietHours(quiet, at('2026-12-01T03:30:00Z'), 'Asia/Tokyo')).toBe(true);
    expect(inQuietHours(quiet, at('2026-12-01T03:30:00Z'), 'America/New_York')).toBe(false);
    expect(inQuietHours(quiet, at('2026-12-01T13:00:00+09:00'), 'Asia/Tokyo')).toBe(false);
  });

  it('keeps a span past midnight on the weekday it starts', () => {
    // Friday 22:00 – Saturday 07:00 only.
    const quiet = { from: '22:00', to: '07:00', weekdays: [5] };
    expect(inQuietHours(quiet, at('2026-12-04T23:00:00+09:00'), 'Asia/Tokyo')).toBe(true);
    expect(inQuietHours(quiet, at('2026-12-05T03:00:00+09:00'), 'Asia/Tokyo')).toBe(true);
    expect(inQuietHours(quiet, at('2026-12-05T23:00:00+09:00'), 'Asia/Tokyo')).toBe(false);
    expect(inQuietHours(quiet, at('2026-12-04T03:00:00+09:00'), 'Asia/Tokyo')).toBe(false);
  });

  it('is never quiet without quiet hours, always with from = to', () => {
    expect(inQuietHours(undefined, 0, 'UTC')).toBe(false);
    expect(inQuietHours({ from: '00:00', to: '00:00' }, 0, 'UTC')).toBe(true);
  });
});
