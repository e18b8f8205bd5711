import { createHmac } from 'node:crypto';
import { computeShopifyHmac, verifyShopifyHmac } from './signature';

const SECRET = 'shpss_0123456789abcdef0123456789abcdef';
const OLD = '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';
const BODY = Buffer.from('{"id":5829013405829,"name":"#1001"}');

describe('Shopify webhook HMAC', () => {
  it('is the base64 HMAC-SHA256 of the raw body under the client secret', () => {
    expect(computeShopifyHmac(SECRET, BODY)).toBe(
      createHmac('sha256', SECRET).update(BODY).digest('base64'),
    );
  });

  it('accepts a body signed with any configured secret (rotation)', () => {
    const header = computeShopifyHmac(OLD, BODY);
    expect(verifyShopifyHmac({ header, body: BODY, secrets: [SECRET, OLD] })).toEqual({
      ok: true,
      secretIndex: 1,
    });
  });

  it.each<[string, string | undefined, Buffer]>([
    ['a missing header', undefined, BODY],
    ['a signature under another secret', computeShopifyHmac('not-the-secret-at-all', BODY), BODY],
    ['a changed body', computeShopifyHmac(SECRET, BODY), Buffer.from('{"id":1}')],
    ['a truncated signature', computeShopifyHmac(SECRET, BODY).slice(0, 20), BODY],
    ['garbage', '!!!', BODY],
  ])('refuses %s, without the secret in the reason', (_, header, body) => {
    const check = verifyShopifyHmac({ header, body, secrets: [SECRET] });
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check)).not.toContain(SECRET);
  });
});
