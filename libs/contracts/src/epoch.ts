/**
 * Epoch milliseconds of a timestamp that passed `isRfc3339` (the canonical event's
 * `occurredAt`). Reads the fixed digit positions directly: folding a busy day parses a million
 * of these, about twice as fast as Date.parse with the upper-casing it needs for `t` and `z`.
 */
export function epochOf(rfc3339: string): number {
  const digits = (from: number, length: number): number => {
    let n = 0;
    for (let i = from; i < from + length; i++) n = n * 10 + (rfc3339.charCodeAt(i) - 48);
    return n;
  };
  const year = digits(0, 4);
  // Date.UTC reads years 0–99 as 1900–1999; leave those rare ones to Date.parse.
  if (year < 100) return Date.parse(rfc3339.toUpperCase());
  let ms = Date.UTC(
    year,
    digits(5, 2) - 1,
    digits(8, 2),
    digits(11, 2),
    digits(14, 2),
    digits(17, 2),
  );
  let i = 19;
  if (rfc3339.charCodeAt(i) === 46 /* . */) {
    let fraction = 0;
    let scale = 100;
    for (i++; i < rfc3339.length; i++) {
      const c = rfc3339.charCodeAt(i);
      if (c < 48 || c > 57) break;
      fraction += (c - 48) * scale;
      scale /= 10;
    }
    ms += fraction;
  }
  const sign = rfc3339.charCodeAt(i);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    const offset = (digits(i + 1, 2) * 60 + digits(i + 4, 2)) * 60_000;
    ms += sign === 43 ? -offset : offset;
  }
  return ms;
}
