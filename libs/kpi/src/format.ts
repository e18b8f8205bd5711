import { localTime } from './zoned-time';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `2026-11-24T10:07:00.000+09:00`: the instant on the zone's wall clock, with its offset. */
export function formatLocalIso(ms: number, timeZone: string): string {
  const zone = localTime(timeZone);
  const offset = zone.offsetAt(ms);
  const wall = new Date(ms + offset);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `.${pad(wall.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
  );
}
