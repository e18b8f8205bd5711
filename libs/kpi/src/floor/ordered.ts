/**
 * Sorted arrays of timed entries, ordered by time and then id (docs/kpis.md orders agent
 * states that way): the floor keeps its lists in this order whatever order events arrive in.
 */
export interface Timed {
  readonly t: number;
  readonly id: string;
}

export function before(a: Timed, b: Timed): boolean {
  return a.t < b.t || (a.t === b.t && a.id < b.id);
}

/** Where `entry` goes in `list`: after every entry before it (binary search; appending is O(1)). */
export function insertionIndex(list: readonly Timed[], entry: Timed): number {
  const last = list[list.length - 1];
  if (!last || before(last, entry)) return list.length;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!, entry)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last entry with t ≤ at, or -1. */
export function lastAtOrBefore(list: readonly Timed[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.t <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the last entry ordered at or before `entry` (by time, then id), or -1. */
export function lastNotAfter(list: readonly Timed[], entry: Timed): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!before(entry, list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
