import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import type { BaseOptions, Mapped } from '../common/types';
import type { Built, Context, Learned, Lookup } from './context';
import { DEFAULT_SHOPIFY_LINK, idText, type ShopifyLink } from './link';
import { cancelled, paid, shipped } from './orders';
import { returned } from './refund';

const ADAPTER = 'shopify' as const;

/** The topics mapped; subscribe the shop's webhooks to exactly these. */
export const SHOPIFY_TOPICS = [
  'orders/paid',
  'orders/cancelled',
  'fulfillments/create',
  'refunds/create',
] as const;

export interface ShopifyOptions extends BaseOptions {
  /** Where the call's `orderId` is found; the order `name` (`#1001`) when left out. */
  readonly link?: ShopifyLink;
  /** Note attributes naming the call and agent, which `order.cancelled` requires. */
  readonly callIdAttribute?: string;
  readonly agentIdAttribute?: string;
}

/** One delivery: the topic header and the raw JSON body. */
export interface ShopifyDelivery {
  readonly topic: string;
  readonly body: string;
  /** `X-Shopify-Triggered-At`: when the payload has no better time (orders/paid prefers it). */
  readonly triggeredAt?: string;
}

/**
 * A mapping's answer, with the link an order payload showed: fulfillments and refunds carry
 * only `order_id`, so under the `name` or `note_attribute` link their order is found through
 * the links learned before (the transport remembers them and answers `lookup`).
 */
export interface ShopifyMapped extends Mapped {
  readonly learned?: Learned;
}

const TOPICS: Record<(typeof SHOPIFY_TOPICS)[number], (ctx: Context) => Built> = {
  'orders/paid': paid,
  'orders/cancelled': cancelled,
  'fulfillments/create': shipped,
  'refunds/create': returned,
};

/**
 * Maps one webhook delivery: orders/paid → `order.paid`, orders/cancelled → `order.cancelled`,
 * fulfillments/create → `order.shipped`, refunds/create → `order.returned`. Event ids are
 * `shopify:<kind>:<Shopify resource id>`: a retry of the delivery, or a second subscription to
 * the same topic, gives the same id and ingest absorbs it as a duplicate.
 */
export function mapShopifyWebhook(
  delivery: ShopifyDelivery,
  options: ShopifyOptions = {},
  lookup: Lookup = () => undefined,
): ShopifyMapped {
  const raw = delivery.body;
  const fail = (reason: string): ShopifyMapped => ({
    events: [],
    rejects: [reject(ADAPTER, `${delivery.topic}: ${reason}`, raw)],
  });
  const mapper = Object.hasOwn(TOPICS, delivery.topic)
    ? TOPICS[delivery.topic as keyof typeof TOPICS]
    : undefined;
  if (!mapper) return fail(`topic not mapped (subscribe only ${SHOPIFY_TOPICS.join(', ')})`);
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return fail('body is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return fail('body is not a JSON object');
  }
  const built = mapper({
    body: payload as Record<string, unknown>,
    link: options.link ?? DEFAULT_SHOPIFY_LINK,
    callIdAttribute: options.callIdAttribute ?? 'callId',
    agentIdAttribute: options.agentIdAttribute ?? 'agentId',
    lookup,
    triggeredAt: delivery.triggeredAt,
    id: (kind, resource) => stableEventId(options.idPrefix ?? ADAPTER, kind, resource),
    base: { tenant: options.tenant ?? 'default', source: ADAPTER },
  });
  if ('error' in built) return fail(built.error);
  const mapped = collect(ADAPTER, built.candidates, raw);
  // A link is learned only when the event it came with passed the schema.
  return built.learned && mapped.events.length > 0 ? { ...mapped, learned: built.learned } : mapped;
}

/**
 * The Shopify order a fulfillment or refund delivery names (`order_id`), when its order id is
 * not in the payload itself under the options' link — the transport must then find the link:
 * remembered, or, after a restart, in the store through `shopifyOrderEventIds`.
 */
export function shopifyOrderToRecall(
  delivery: ShopifyDelivery,
  options: ShopifyOptions = {},
): string | undefined {
  if (delivery.topic !== 'fulfillments/create' && delivery.topic !== 'refunds/create') return;
  if ((options.link ?? DEFAULT_SHOPIFY_LINK).from === 'id') return;
  try {
    const body = JSON.parse(delivery.body) as unknown;
    if (typeof body !== 'object' || body === null) return;
    return idText((body as Record<string, unknown>).order_id);
  } catch {
    return;
  }
}

/** The ids of the events an order payload of this Shopify order was stored as (paid, cancelled). */
export function shopifyOrderEventIds(
  shopifyOrderId: string,
  options: ShopifyOptions = {},
): string[] {
  const prefix = options.idPrefix ?? ADAPTER;
  return ['paid', 'cancelled'].map((kind) => stableEventId(prefix, kind, shopifyOrderId));
}
