import type { OrderBook, StuckRule } from '@mieruka/contracts';
import { formatDuration } from './format';
import type { TileStatus } from './status';

/**
 * The order-integrity panel's reading of a snapshot's order book (docs/wallboard.md, The order
 * desk): ages ticked on the server's clock, colours by the tenant's limits, the stuck rows a
 * tile draws. The engines decide what is stuck; this only ages, colours and picks.
 */

/** From this share of `shipWithinMs` on, the oldest paid order is amber: ship it today. */
export const NEAR_LIMIT = 0.75;

const DAY_MS = 86_400_000;

/** The hold and return reasons a screen says in words; any other text is shown as sent. */
export const KNOWN_REASONS = [
  'item_unidentified',
  'payment_failed',
  'address_incomplete',
  'wrong_item',
  'wrong_variant',
  'damaged',
  'changed_mind',
] as const;
export type KnownReason = (typeof KNOWN_REASONS)[number];

export function isKnownReason(reason: string): reason is KnownReason {
  return (KNOWN_REASONS as readonly string[]).includes(reason);
}

/**
 * The oldest paid-not-shipped age at `serverAt` (the server's clock now): the snapshot's age
 * plus the time since it was taken — the server sends nothing while only the clock moves.
 */
export function oldestPaidAge(
  book: OrderBook,
  snapshotAt: number,
  serverAt: number,
): number | null {
  if (book.oldestPaidNotShippedMs === null) return null;
  return book.oldestPaidNotShippedMs + Math.max(0, serverAt - snapshotAt);
}

/** Amber from NEAR_LIMIT of the promise, red once it is broken (the order is stuck). */
export function paidAgeStatus(ageMs: number | null, shipWithinMs: number): TileStatus {
  if (ageMs === null) return 'none';
  if (ageMs >= shipWithinMs) return 'alert';
  return ageMs >= shipWithinMs * NEAR_LIMIT ? 'warn' : 'ok';
}

/**
 * A stuck order's colour: red when the customer is owed something — paid and nothing shipped,
 * or stopped by a hold the desk must resolve; amber when only payment is overdue (a reminder to
 * chase, nobody has paid for nothing).
 */
export function stuckRowStatus(rule: StuckRule): TileStatus {
  return rule === 'unpaid' ? 'warn' : 'alert';
}

/** The panel's own status: red with any stuck order, else the oldest paid order's. */
export function orderBookStatus(
  book: OrderBook,
  oldestAgeMs: number | null,
  shipWithinMs: number,
): TileStatus {
  if (book.stuck > 0) return 'alert';
  const paid = paidAgeStatus(oldestAgeMs, shipWithinMs);
  return paid === 'none' ? 'ok' : paid;
}

export interface StuckRow {
  readonly orderId: string;
  readonly agentId: string | null;
  readonly rule: StuckRule;
  /** The tenant's wall clock when the rule's clock started: `12/06 14:02`. */
  readonly since: string;
  readonly ageMs: number;
  /** The hold's reason as sent (null unless held). */
  readonly reason: string | null;
  readonly status: TileStatus;
}

/**
 * The first `max` stuck orders as the engines list them (oldest first), aged at `serverAt`,
 * and how many stuck orders are not drawn (the book counts more than the list carries).
 */
export function stuckRows(
  book: OrderBook,
  serverAt: number,
  max: number,
): { rows: StuckRow[]; more: number } {
  const rows = book.stuckList.slice(0, Math.max(0, max)).map((o) => ({
    orderId: o.orderId,
    agentId: o.agentId,
    rule: o.rule,
    since: localDateTime(o.since),
    ageMs: Math.max(0, serverAt - Date.parse(o.since)),
    reason: o.reason,
    status: stuckRowStatus(o.rule),
  }));
  return { rows, more: Math.max(0, book.stuck - rows.length) };
}

/** `12/06 14:02` from a local ISO instant: the tenant's calendar, whatever this screen's zone. */
export function localDateTime(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]}/${m[2]} ${m[3]}` : '—';
}

/**
 * An age split for display: whole days (said in words per language) and the rest as m:ss, or
 * h:mm:ss when there are days or hours — "1日 0:00:05", never "1日 0:05".
 */
export function ageParts(ms: number): { days: number; clock: string } {
  const days = Math.floor(Math.max(0, ms) / DAY_MS);
  const rest = formatDuration(ms - days * DAY_MS);
  return {
    days,
    clock: days > 0 && rest.split(':').length === 2 ? `0:${rest.padStart(5, '0')}` : rest,
  };
}
