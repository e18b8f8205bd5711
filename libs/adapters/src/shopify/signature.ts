import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify's webhook signature (https://shopify.dev/docs/apps/build/webhooks/verify-deliveries):
 * `X-Shopify-Hmac-SHA256` is the base64 HMAC-SHA256 of the raw request body, keyed with the
 * app's client secret (or, for a webhook made in the shop admin, the signing key shown there).
 * Header names are lower case here, as Node gives them.
 */
export const SHOPIFY_HMAC_HEADER = 'x-shopify-hmac-sha256';
export const SHOPIFY_TOPIC_HEADER = 'x-shopify-topic';
export const SHOPIFY_SHOP_HEADER = 'x-shopify-shop-domain';
export const SHOPIFY_WEBHOOK_ID_HEADER = 'x-shopify-webhook-id';
export const SHOPIFY_TRIGGERED_AT_HEADER = 'x-shopify-triggered-at';
export const SHOPIFY_EVENT_ID_HEADER = 'x-shopify-event-id';

export type ShopifySignatureCheck =
  | { readonly ok: true; readonly secretIndex: number }
  | { readonly ok: false; readonly reason: string };

/** The base64 signature Shopify computes for a body. */
export function computeShopifyHmac(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/**
 * Checks the header against every secret (two during a rotation: Shopify may sign with the old
 * one for up to an hour), in constant time over the decoded digests, so neither the secret nor
 * how much of the signature matched leaks through timing. Reasons never carry a secret.
 */
export function verifyShopifyHmac(input: {
  readonly header: string | undefined;
  readonly body: Buffer;
  readonly secrets: readonly string[];
}): ShopifySignatureCheck {
  const given = input.header?.trim();
  if (!given) return { ok: false, reason: `${SHOPIFY_HMAC_HEADER}: header is missing` };
  // A SHA-256 digest is 32 bytes; anything else cannot match and is refused the same way.
  const givenBytes = Buffer.from(given, 'base64');
  let match = -1;
  input.secrets.forEach((secret, index) => {
    const expected = createHmac('sha256', secret).update(input.body).digest();
    const equal = expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes);
    if (equal && match < 0) match = index;
  });
  if (match < 0) {
    return {
      ok: false,
      reason: `${SHOPIFY_HMAC_HEADER}: does not match the body under any configured secret`,
    };
  }
  return { ok: true, secretIndex: match };
}
