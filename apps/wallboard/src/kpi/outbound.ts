import type { ListProgress } from '@mieruka/contracts';

/**
 * What the outbound tiles show, as pure functions of the snapshot (docs/wallboard.md, The
 * outbound floor): which lists a list-progress tile draws, and a window's dial outcomes as
 * rows with shares. The engines compute every number; this only picks, orders and divides.
 */

/** The outcomes in the order a supervisor reads them: reached first, then why not. */
export const DIAL_OUTCOMES = [
  'connected',
  'no_answer',
  'busy',
  'invalid_number',
  'fax',
  'answering_machine',
  'rejected',
  'other',
] as const;
export type DialOutcome = (typeof DIAL_OUTCOMES)[number];

export interface OutcomeRow {
  readonly outcome: DialOutcome;
  readonly count: number;
  /** count / all dials that ended (null when none did yet). */
  readonly share: number | null;
}

/**
 * Every outcome as a row, zero included (a missing bar reads as "not measured"); an outcome
 * the screen does not know (a newer server) is counted under `other`, so the shares still
 * add up to the whole.
 */
export function outcomeRows(dialOutcomes: Readonly<Record<string, number>>): {
  rows: OutcomeRow[];
  total: number;
} {
  const counts = new Map<DialOutcome, number>(DIAL_OUTCOMES.map((o) => [o, 0]));
  for (const [key, count] of Object.entries(dialOutcomes)) {
    const outcome = (DIAL_OUTCOMES as readonly string[]).includes(key)
      ? (key as DialOutcome)
      : 'other';
    counts.set(outcome, (counts.get(outcome) ?? 0) + count);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const rows = DIAL_OUTCOMES.map((outcome) => {
    const count = counts.get(outcome) ?? 0;
    return { outcome, count, share: total > 0 ? count / total : null };
  });
  return { rows, total };
}

/**
 * The lists a tile has room for, and how many it leaves out ("+N"). Lists still being worked
 * come first, the most progressed first (the ones about to run dry, which a supervisor
 * refills), ties by the larger list, then by id so the order never flickers; finished lists
 * (nothing remaining) last, as they need no one's attention.
 */
export function listRows(
  lists: readonly ListProgress[],
  room: number,
): { rows: ListProgress[]; more: number } {
  const sorted = [...lists].sort(
    (a, b) =>
      Number(a.remaining === 0) - Number(b.remaining === 0) ||
      (b.progress ?? 0) - (a.progress ?? 0) ||
      b.registered - a.registered ||
      (a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : 0),
  );
  const shown = Math.max(0, room);
  return { rows: sorted.slice(0, shown), more: Math.max(0, sorted.length - shown) };
}
