import { idText, linkOfOrder, noteAttribute } from './link';
import { linkName, money, orderIdOfChild, timeOf, type Built, type Context } from './context';

/** An order payload's Shopify id and Mieruka order id, or why not. */
function orderLink(ctx: Context): { error: string } | { shopifyOrderId: string; orderId: string } {
  const shopifyOrderId = idText(ctx.body.id);
  if (!shopifyOrderId) return { error: 'id: the order has no numeric id' };
  const orderId = linkOfOrder(ctx.body, ctx.link);
  if (!orderId) return { error: `${linkName(ctx.link)}: missing, so the order cannot be linked` };
  return { shopifyOrderId, orderId };
}

/** orders/paid → order.paid: the order's total as it now stands (after edits), shop currency. */
export function paid(ctx: Context): Built {
  const link = orderLink(ctx);
  if ('error' in link) return link;
  const { body } = ctx;
  const gateways = Array.isArray(body.payment_gateway_names)
    ? (body.payment_gateway_names as unknown[]).filter((g): g is string => typeof g === 'string')
    : [];
  // The trigger time is when the payment completed; updated_at is the payload's own fallback.
  const occurredAt = timeOf(ctx, ctx.triggeredAt, body.updated_at, body.processed_at);
  if (!occurredAt) return { error: 'updated_at: not an RFC 3339 time' };
  return {
    learned: link,
    candidates: [
      {
        ...ctx.base,
        id: ctx.id('paid', link.shopifyOrderId),
        type: 'order.paid',
        occurredAt,
        orderId: link.orderId,
        amount: money(body.current_total_price) ?? money(body.total_price),
        currency: body.currency,
        ...(gateways.length > 0 ? { method: gateways.join(',').slice(0, 64) } : {}),
      },
    ],
  };
}

/** orders/cancelled → order.cancelled, which (v1) names its call and agent. */
export function cancelled(ctx: Context): Built {
  const link = orderLink(ctx);
  if ('error' in link) return link;
  const { body, callIdAttribute: callAttr, agentIdAttribute: agentAttr } = ctx;
  const callId = noteAttribute(body, callAttr);
  const agentId = noteAttribute(body, agentAttr);
  if (!callId || !agentId) {
    // Shopify knows the call and agent only when the phone-order form wrote them down.
    return {
      error: `note_attributes[${callAttr}] and note_attributes[${agentAttr}] are required: order.cancelled names its call and agent`,
    };
  }
  const occurredAt = timeOf(ctx, body.cancelled_at, body.updated_at);
  if (!occurredAt) return { error: 'cancelled_at: not an RFC 3339 time' };
  return {
    learned: link,
    candidates: [
      {
        ...ctx.base,
        id: ctx.id('cancelled', link.shopifyOrderId),
        type: 'order.cancelled',
        occurredAt,
        orderId: link.orderId,
        callId,
        agentId,
        // The amount reversed: the order's total as placed.
        amount: money(body.total_price),
        currency: body.currency,
        ...(typeof body.cancel_reason === 'string' ? { reason: body.cancel_reason } : {}),
      },
    ],
  };
}

/** Fulfillment statuses that are no shipment (documented: pending open success cancelled error failure). */
const NOT_SHIPPED = new Set(['cancelled', 'error', 'failure']);

/** fulfillments/create → order.shipped: the warehouse has the shipping instruction. */
export function shipped(ctx: Context): Built {
  const { body } = ctx;
  const fulfillmentId = idText(body.id);
  if (!fulfillmentId) return { error: 'id: the fulfillment has no numeric id' };
  if (typeof body.status === 'string' && NOT_SHIPPED.has(body.status)) return { candidates: [] };
  const order = orderIdOfChild(ctx, body);
  if ('error' in order) return order;
  const occurredAt = timeOf(ctx, body.created_at, body.updated_at);
  if (!occurredAt) return { error: 'created_at: not an RFC 3339 time' };
  const numbers = Array.isArray(body.tracking_numbers) ? (body.tracking_numbers as unknown[]) : [];
  const tracking =
    typeof body.tracking_number === 'string'
      ? body.tracking_number
      : numbers.find((n): n is string => typeof n === 'string');
  return {
    candidates: [
      {
        ...ctx.base,
        id: ctx.id('shipped', fulfillmentId),
        type: 'order.shipped',
        occurredAt,
        orderId: order.orderId,
        ...(typeof body.tracking_company === 'string' ? { carrier: body.tracking_company } : {}),
        ...(tracking ? { tracking } : {}),
      },
    ],
  };
}
