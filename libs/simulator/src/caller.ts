/**
 * Plausible Japanese caller numbers for simulated inbound calls, as a PBX reports them
 * (`090-1234-5678`, `03-1234-5678`). Drawn from their own generators keyed by seed and call,
 * never from the simulation's: turning numbers on or off leaves every other draw — and so
 * every count the tests pin — exactly as it was.
 */
import { mulberry32 } from './random';

/** Customers a centre hears from: small enough that some ring again within days (call-backs). */
const CUSTOMERS = 20_000;

/** Mobiles dominate; Tokyo and the big cities' landlines follow (area code, local digits). */
const PREFIXES: readonly {
  readonly prefix: string;
  readonly share: number;
  readonly local: number;
}[] = [
  { prefix: '090', share: 0.34, local: 4 },
  { prefix: '080', share: 0.28, local: 4 },
  { prefix: '070', share: 0.1, local: 4 },
  { prefix: '03', share: 0.14, local: 4 },
  { prefix: '06', share: 0.05, local: 4 },
  { prefix: '045', share: 0.04, local: 3 },
  { prefix: '052', share: 0.03, local: 3 },
  { prefix: '011', share: 0.02, local: 3 },
];

/** A 32-bit mix of two integers (murmur3's finaliser), so neighbouring calls land far apart. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The number shown for the `call`-th inbound call of a run with `seed`, or undefined for a
 * withheld number (非通知) — `shown` is the share of calls that show one.
 */
export function callerNumber(seed: number, call: number, shown: number): string | undefined {
  const draw = mulberry32(mix(seed, call));
  if (draw() >= shown) return undefined;
  // Several calls share a customer, so the same number comes back as a real caller's would.
  const customer = Math.floor(draw() * CUSTOMERS);
  const digits = mulberry32(mix(seed ^ 0x5bd1e995, customer));
  let pick = digits();
  const line = PREFIXES.find((p) => (pick -= p.share) < 0) ?? PREFIXES[0]!;
  const group = (n: number) => Array.from({ length: n }, () => Math.floor(digits() * 10)).join('');
  // A local exchange never starts with 0 (that would read as a trunk prefix).
  const exchange = String(1 + Math.floor(digits() * 9)) + group(line.local - 1);
  return `${line.prefix}-${exchange}-${group(4)}`;
}
