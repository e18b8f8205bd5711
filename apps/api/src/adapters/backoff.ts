/**
 * The wait before reconnect attempt `attempt` (0 = the first after a drop): doubled from
 * `minMs` up to `maxMs`, then "equal jitter" — half fixed, half random — so a fleet of API
 * instances that lost the same PBX does not knock on it in lockstep, yet never retries sooner
 * than half the nominal delay.
 */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const nominal = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
