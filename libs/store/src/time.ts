const DAY_MS = 86_400_000;

/** The day `chTime` wrote last, and its `YYYY-MM-DD ` text: events of a batch share their day. */
let lastDay = NaN;
let lastDayText = '';

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Epoch milliseconds as ClickHouse's DateTime64(3, 'UTC') text: `2026-11-24 01:00:00.123`.
 * Every stored event needs one; the date part comes from Date once per day, the time of day
 * is written directly (a third of the cost of toISOString and its edits).
 */
export function chTime(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== lastDay) {
    // Throws a RangeError for NaN and out-of-range instants, as toISOString does.
    lastDayText = `${new Date(day * DAY_MS).toISOString().slice(0, 10)} `;
    lastDay = day;
  }
  let rest = epochMs - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = Math.floor(rest - seconds * 1000);
  return `${lastDayText}${two(hours)}:${two(minutes)}:${two(seconds)}.${three(ms)}`;
}

/** ClickHouse's DateTime64 text (UTC) back to an ISO 8601 string with `Z`. */
export function isoFromChTime(text: string): string {
  return `${text.replace(' ', 'T')}Z`;
}
