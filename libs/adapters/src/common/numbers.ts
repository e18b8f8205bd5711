/** Whole non-negative seconds (as sources write them) → milliseconds; undefined if not such. */
export function secondsToMs(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,12}$/.test(text.trim())) return undefined;
  return Number(text.trim()) * 1000;
}

/** Non-negative decimal seconds (`1732345200`, `1732345200.123456`) → whole milliseconds. */
export function decimalSecondsToMs(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,12}(\.\d{1,9})?$/.test(text.trim())) return undefined;
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
}

/** A whole non-negative number written in decimal digits; undefined if not such. */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Epoch milliseconds → the canonical `occurredAt` (UTC, millisecond precision). */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
