import { idText } from './link';
import { orderIdOfChild, timeOf, type Built, type Context } from './context';

/** The reasons a refund note may open with (docs/adapters.md, Shopify: return reasons). */
export const NOTE_REASONS = ['wrong_item', 'wrong_variant', 'damaged', 'changed_mind'] as const;

/**
 * refunds/create → order.returned, when goods came back: a refund with at least one refunded
 * line item whose `restock_type` is not `cancel` (`cancel` is an unfulfilled item called off,
 * not a return). A money-only refund (shipping, goodwill) or one of cancelled items maps to
 * nothing.
 *
 * The refund payload has no return-reason code (Shopify keeps return reasons on the Return, not
 * on the refund), so the reason is the refund `note`'s first word when it is one of
 * NOTE_REASONS — staff write `wrong_variant …` — and `other` otherwise. The note itself is never
 * copied: it is free text that may hold a customer's words.
 */
export function returned(ctx: Context): Built {
  const { body } = ctx;
  const refundId = idText(body.id);
  if (!refundId) return { error: 'id: the refund has no numeric id' };
  const items = Array.isArray(body.refund_line_items) ? (body.refund_line_items as unknown[]) : [];
  const returnedItems = items.filter(
    (item) => typeof item === 'object' && item !== null && restockType(item) !== 'cancel',
  );
  if (returnedItems.length === 0) return { candidates: [] };
  const order = orderIdOfChild(ctx, body);
  if ('error' in order) return order;
  const occurredAt = timeOf(ctx, body.created_at, body.processed_at);
  if (!occurredAt) return { error: 'created_at: not an RFC 3339 time' };
  const refunded = refundedAmount(body.transactions);
  if (refunded === 'mixed') return { error: 'transactions: refunds in more than one currency' };
  return {
    candidates: [
      {
        ...ctx.base,
        id: ctx.id('returned', refundId),
        type: 'order.returned',
        occurredAt,
        orderId: order.orderId,
        reason: reasonOf(body.note),
        ...(refunded ?? {}),
      },
    ],
  };
}

function restockType(item: object): unknown {
  return (item as Record<string, unknown>).restock_type;
}

export function reasonOf(note: unknown): string {
  if (typeof note !== 'string') return 'other';
  const first =
    note
      .trim()
      .split(/[\s:：,、。.]/u)[0]
      ?.toLowerCase() ?? '';
  return (NOTE_REASONS as readonly string[]).includes(first) ? first : 'other';
}

/**
 * The money that went back: the sum of the successful `refund` transactions, in their
 * currency; undefined when there is none (a return refunded later, or not at all).
 */
function refundedAmount(
  transactions: unknown,
): { amount: string; currency: string } | 'mixed' | undefined {
  if (!Array.isArray(transactions)) return undefined;
  let cents = 0n;
  let currency: string | undefined;
  let any = false;
  for (const t of transactions as unknown[]) {
    if (typeof t !== 'object' || t === null) continue;
    const { kind, status, amount, currency: c } = t as Record<string, unknown>;
    if (kind !== 'refund' || status !== 'success' || typeof amount !== 'string') continue;
    const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(amount.trim());
    if (!m || typeof c !== 'string') continue;
    if (currency !== undefined && currency !== c) return 'mixed';
    currency = c;
    // Summed in hundredths as integers: money never goes through a binary float.
    cents += BigInt(m[1] ?? '0') * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
    any = true;
  }
  if (!any || currency === undefined) return undefined;
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0');
  return { amount: `${whole}.${rest}`, currency };
}
