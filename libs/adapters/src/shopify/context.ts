import { isoAt } from '../common/numbers';
import type { Candidate } from '../common/types';
import { idText, type ShopifyLink } from './link';

/** Answers the Mieruka order id an earlier order payload linked to a Shopify order id. */
export type Lookup = (shopifyOrderId: string) => string | undefined;

/** A link learned from an order payload: Shopify order id → Mieruka order id. */
export interface Learned {
  readonly shopifyOrderId: string;
  readonly orderId: string;
}

/** What each topic's mapper reads. */
export interface Context {
  readonly body: Record<string, unknown>;
  readonly link: ShopifyLink;
  readonly callIdAttribute: string;
  readonly agentIdAttribute: string;
  readonly lookup: Lookup;
  readonly triggeredAt: string | undefined;
  readonly id: (kind: string, resource: string) => string;
  readonly base: { readonly tenant: string; readonly source: string };
}

/** A topic mapper's answer: candidates (and a link learned), or why the payload cannot map. */
export type Built =
  | { readonly error: string }
  | { readonly candidates: readonly Candidate[]; readonly learned?: Learned };

export function linkName(link: ShopifyLink): string {
  return link.from === 'note_attribute' ? `note_attributes[${link.attribute}]` : link.from;
}

/** The first RFC 3339 time among the payload's fields (then the trigger header), in UTC. */
export function timeOf(
  ctx: Pick<Context, 'triggeredAt'>,
  ...values: unknown[]
): string | undefined {
  for (const value of [...values, ctx.triggeredAt]) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) continue;
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return isoAt(ms);
  }
  return undefined;
}

/** A Shopify money string (`"598.94"`); kept a string so no decimal is lost to floats. */
export function money(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The Mieruka order id of a fulfillment or refund, which carry only `order_id` (a fulfillment
 * also its `name`, `#1001.1`: the order's name, a dot, the fulfillment's number).
 */
export function orderIdOfChild(
  ctx: Pick<Context, 'link' | 'lookup'>,
  body: Record<string, unknown>,
): { readonly error: string } | { readonly orderId: string } {
  const shopifyOrderId = idText(body.order_id);
  if (!shopifyOrderId) return { error: 'order_id: missing or not a numeric id' };
  if (ctx.link.from === 'id') return { orderId: shopifyOrderId };
  if (ctx.link.from === 'name' && typeof body.name === 'string') {
    const dot = body.name.lastIndexOf('.');
    if (dot > 0) return { orderId: body.name.slice(0, dot) };
  }
  const known = ctx.lookup(shopifyOrderId);
  if (known) return { orderId: known };
  return {
    error: `order ${shopifyOrderId}: its ${linkName(ctx.link)} is unknown here (this payload does not carry it, and no orders/paid or orders/cancelled of that order is known)`,
  };
}
