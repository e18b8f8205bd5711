/**
 * How a Shopify order is linked to the `orderId` Mieruka knows from the call (the
 * `order.confirmed` the agent's system sent):
 *
 * - `name` (default): the order's name as the shop shows it, `#1001` — what the agent reads back
 *   to the customer when the order is entered in Shopify during the call.
 * - `id`: Shopify's numeric order id (`450789469`), for a CTI that records that.
 * - `note_attribute`: the value of the order's note attribute (additional detail) of the given
 *   name, for shops whose phone-order form stores Mieruka's order id there.
 */
export type ShopifyLink =
  | { readonly from: 'name' }
  | { readonly from: 'id' }
  | { readonly from: 'note_attribute'; readonly attribute: string };

export const DEFAULT_SHOPIFY_LINK: ShopifyLink = { from: 'name' };

/** `note_attributes` as the order resource documents it: `[{ name, value }]`. */
export function noteAttribute(order: Record<string, unknown>, name: string): string | undefined {
  const list = order.note_attributes;
  if (!Array.isArray(list)) return undefined;
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name: n, value } = entry as Record<string, unknown>;
    if (n === name && (typeof value === 'string' || typeof value === 'number')) {
      const text = String(value).trim();
      if (text !== '') return text;
    }
  }
  return undefined;
}

/** The Mieruka order id of an order payload (orders/paid, orders/cancelled). */
export function linkOfOrder(order: Record<string, unknown>, link: ShopifyLink): string | undefined {
  if (link.from === 'id') return idText(order.id);
  if (link.from === 'name') return typeof order.name === 'string' ? order.name : undefined;
  return noteAttribute(order, link.attribute);
}

/** A Shopify numeric id (a JSON number, or a string of digits) as text. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  return undefined;
}
