/**
 * What the Shopify route remembers between deliveries, bounded so a busy shop cannot grow it
 * without end (oldest forgotten first; a Map keeps insertion order).
 *
 * - `deliveries`: X-Shopify-Webhook-Id → its trigger time, for the replay window: an id seen
 *   is answered `duplicate`; ids older than the window are dropped, since the window refuses
 *   such deliveries anyway. After a restart the ids are gone, but event ids still make a
 *   replayed delivery store nothing new (ingest counts it as a duplicate).
 * - `links`: Shopify order id → Mieruka order id, learned from order payloads, for the
 *   fulfillments and refunds that carry only `order_id`; one forgotten (a restart, the bound)
 *   is found again in the store (ShopifyController.recall).
 */
export class ShopifyMemory {
  private readonly deliveries = new Map<string, number>();
  private readonly links = new Map<string, string>();

  constructor(private readonly maxEntries = 100_000) {}

  seen(webhookId: string): boolean {
    return this.deliveries.has(webhookId);
  }

  delivered(webhookId: string, triggeredAtMs: number, oldestKeptMs: number): void {
    this.deliveries.set(webhookId, triggeredAtMs);
    // Insertion order is close to trigger order: drop from the front while too old.
    for (const [id, at] of this.deliveries) {
      if (at >= oldestKeptMs && this.deliveries.size <= this.maxEntries) break;
      this.deliveries.delete(id);
    }
  }

  link(shopifyOrderId: string): string | undefined {
    return this.links.get(shopifyOrderId);
  }

  learn(shopifyOrderId: string, orderId: string): void {
    this.links.delete(shopifyOrderId);
    this.links.set(shopifyOrderId, orderId);
    if (this.links.size > this.maxEntries) {
      const oldest = this.links.keys().next();
      if (!oldest.done) this.links.delete(oldest.value);
    }
  }
}
