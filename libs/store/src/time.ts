/** Epoch milliseconds as ClickHouse's DateTime64(3, 'UTC') text: `2026-11-24 01:00:00.123`. */
export function chTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 23);
}

/** ClickHouse's DateTime64 text (UTC) back to an ISO 8601 string with `Z`. */
export function isoFromChTime(text: string): string {
  return `${text.replace(' ', 'T')}Z`;
}
