export {
  SHOPIFY_EVENT_ID_HEADER,
  SHOPIFY_HMAC_HEADER,
  SHOPIFY_SHOP_HEADER,
  SHOPIFY_TOPIC_HEADER,
  SHOPIFY_TRIGGERED_AT_HEADER,
  SHOPIFY_WEBHOOK_ID_HEADER,
  computeShopifyHmac,
  verifyShopifyHmac,
  type ShopifySignatureCheck,
} from './signature';
export { DEFAULT_SHOPIFY_LINK, type ShopifyLink } from './link';
export type { Learned as ShopifyLearned, Lookup as ShopifyLookup } from './context';
export { NOTE_REASONS as SHOPIFY_NOTE_REASONS } from './refund';
export {
  SHOPIFY_TOPICS,
  mapShopifyWebhook,
  shopifyOrderEventIds,
  shopifyOrderToRecall,
  type ShopifyDelivery,
  type ShopifyMapped,
  type ShopifyOptions,
} from './webhooks';
