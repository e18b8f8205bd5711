import { parseWindow } from './local-time';

describe('parseWindow', () => {
  it('reads windows and rejects malformed ones', () => {
    expect(parseWindow('09:30-17:00', 'w')).toEqual({
      start: 9.5 * 3_600_000,
      end: 17 * 3_600_000,
    });
    expect(parseWindow('20:00-24:00', 'w').end).toBe(24 * 3_600_000);
    expect(() => parseWindow('17:00-09:00', 'w')).toThrow(/end after/);
    expect(() => parseWindow('9-17', 'w')).toThrow(/HH:MM/);
  });
});
