/**
 * The drill-down's ranges, anchored on the server's "today" (the API's local midnight and now),
 * never on the browser's clock, which may be wrong or in another zone. Local days are counted
 * in the tenant's time zone, so a DST day is 23 or 25 hours long like everywhere else.
 */

export const RANGES = ['today', 'yesterday', '7d', '30d', 'custom'] as const;
export type RangeName = (typeof RANGES)[number];

export interface Anchor {
  /** The tenant's local midnight today (epoch ms), as the API computed it. */
  readonly midnight: number;
  /** The server's now (epoch ms). */
  readonly now: number;
  readonly timeZone: string;
}

export interface Range {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

const MINUTE = 60_000;

/** The zone's offset from UTC at an instant, in minutes (Tokyo: 540). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(epochMs);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / MINUTE);
}

/** Local midnight of a local date `YYYY-MM-DD` in the zone (epoch ms). */
export function localMidnight(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Two rounds settle the offset even when midnight is near a DST change.
  let guess = utcMidnight - zoneOffsetMinutes(utcMidnight, timeZone) * MINUTE;
  guess = utcMidnight - zoneOffsetMinutes(guess, timeZone) * MINUTE;
  return guess;
}

/** The local date `YYYY-MM-DD` of an instant in the zone. */
export function localDate(epochMs: number, timeZone: string): string {
  return new Date(epochMs + zoneOffsetMinutes(epochMs, timeZone) * MINUTE)
    .toISOString()
    .slice(0, 10);
}

/** `YYYY-MM-DD` plus some days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An instant as RFC 3339 with the zone's offset, as the API wants it. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * MINUTE).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The range a view asks for. `custom` takes local dates, both inclusive; ranges that reach
 * today end at the server's now.
 */
export function resolveRange(
  name: RangeName,
  anchor: Anchor,
  custom: { from?: string; to?: string } = {},
): Range {
  const today = localDate(anchor.midnight + 12 * 60 * MINUTE, anchor.timeZone);
  const midnightOf = (date: string): number => localMidnight(date, anchor.timeZone);
  const end = anchor.now + 1;
  switch (name) {
    case 'today':
      return { from: anchor.midnight, to: end };
    case 'yesterday':
      return { from: midnightOf(addDays(today, -1)), to: anchor.midnight };
    case '7d':
      return { from: midnightOf(addDays(today, -6)), to: end };
    case '30d':
      return { from: midnightOf(addDays(today, -29)), to: end };
    case 'custom': {
      const from = custom.from ?? today;
      const to = custom.to && custom.to >= from ? custom.to : from;
      return { from: midnightOf(from), to: Math.min(midnightOf(addDays(to, 1)), end) };
    }
  }
}
