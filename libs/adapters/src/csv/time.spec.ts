import { parseTime } from './time';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseTime', () => {
  it.each<[string, string, string, string | undefined]>([
    ['2025-11-24T09:00:00+09:00', 'iso', 'UTC', '2025-11-24T00:00:00.000Z'],
    ['2025-11-24 09:00:00', 'iso', 'UTC', undefined],
    ['1764000000', 'epoch_s', 'UTC', '2025-11-24T16:00:00.000Z'],
    ['1764000000.25', 'epoch_s', 'UTC', '2025-11-24T16:00:00.250Z'],
    ['1764000000123', 'epoch_ms', 'UTC', '2025-11-24T16:00:00.123Z'],
    ['2025-11-24 09:00:00', 'YYYY-MM-DD HH:mm:ss', 'Asia/Tokyo', '2025-11-24T00:00:00.000Z'],
    ['2025/11/24 9:05', 'YYYY/MM/DD HH:mm', 'Asia/Tokyo', '2025-11-24T00:05:00.000Z'],
    [
      '24.11.2025 09:00:00.5',
      'DD.MM.YYYY HH:mm:ss.SSS',
      'Europe/Berlin',
      '2025-11-24T08:00:00.500Z',
    ],
    // 01:30 happens twice in New York on 2026-11-01: the earlier (EDT) instant is taken.
    ['2026-11-01 01:30:00', 'YYYY-MM-DD HH:mm:ss', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2025-02-30 09:00:00', 'YYYY-MM-DD HH:mm:ss', 'UTC', undefined],
    ['yesterday', 'YYYY-MM-DD HH:mm:ss', 'UTC', undefined],
  ])('%s as %s in %s', (text, format, zone, expected) => {
    expect(iso(parseTime(text, format, zone))).toBe(expected);
  });
});
