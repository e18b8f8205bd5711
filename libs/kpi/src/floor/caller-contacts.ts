/** A phone number as people and PBXs write it (as maskCaller reads it); anything else is none. */
const PHONE = /^\+?[\d\s().-]+$/;
/** Longer than any written phone number: not one. */
const MAX_LENGTH = 32;
/** Fewer digits than this is an extension or a stub, not a caller worth matching. */
const MIN_DIGITS = 4;

/**
 * The digits of a caller's number, to tell whether two calls came from the same number
 * (`090-1234-5678` and `09012345678` match). A withheld, anonymous or non-phone value gives
 * undefined, so it never matches anything. Kept server-side only: never in a view.
 */
export function callerKey(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text || text.length > MAX_LENGTH || !PHONE.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  return digits.length >= MIN_DIGITS ? digits : undefined;
}

/**
 * When each number rang in (or was dialled out to), by caller key, each list in time order:
 * the floor asks for the first contact after an abandon. Kept for the projection's horizon
 * (today and yesterday), so memory is one instant per call that carried a number.
 */
export class CallerContacts {
  private readonly byKey = new Map<string, number[]>();

  add(key: string, t: number): void {
    let times = this.byKey.get(key);
    if (!times) {
      times = [];
      this.byKey.set(key, times);
    }
    let i = times.length;
    while (i > 0 && times[i - 1]! > t) i--;
    times.splice(i, 0, t);
  }

  /** The first contact with after < t ≤ until, or undefined. */
  firstBetween(key: string, after: number, until: number): number | undefined {
    const times = this.byKey.get(key);
    if (!times) return undefined;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    const first = times[lo];
    return first !== undefined && first <= until ? first : undefined;
  }

  /** Forgets contacts before `horizon`. */
  prune(horizon: number): void {
    for (const [key, times] of this.byKey) {
      const kept = times.filter((t) => t >= horizon);
      if (kept.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, kept);
    }
  }
}
