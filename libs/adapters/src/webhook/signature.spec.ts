import {
  createSignatureHeader,
  parseSignatureHeader,
  verifySignature,
  type SignatureFailure,
} from './signature';

// Scheme as documented by Stripe ("Verify webhook signatures manually",
// https://docs.stripe.com/webhooks#verify-manually): header `t=<unix>,v1=<hex>`, signed
// payload `<t>.<raw body>`, HMAC-SHA256, several v1 allowed, 5-minute default tolerance.
// The expected digests below were computed outside this code with
// `printf '%s' '1732345200.<body>' | openssl dgst -sha256 -hmac <secret>`.
const BODY = '[{"id":"ev-1","type":"call.offered"}]';
const T = 1732345200; // 2024-11-23T07:00:00Z
const NOW = T * 1000;
const NEW = 'whsec_new_0123456789';
const OLD = 'whsec_old_0123456789';
const SIG_NEW = 'dd60366d63af2812d726f29c975bf4b1c1c73774ca43e0f4f2df9c840a66b0a6';
const SIG_OLD = '8a454c8d2e70997df434b7d247608ac0f8272698730082c62f06fb923bfcc674';

describe('createSignatureHeader', () => {
  it('matches an HMAC computed by openssl', () => {
    expect(createSignatureHeader({ body: BODY, secrets: NEW, timestamp: T })).toBe(
      `t=${T},v1=${SIG_NEW}`,
    );
  });

  it('signs with every secret during a rotation, bytes or text alike', () => {
    expect(
      createSignatureHeader({ body: Buffer.from(BODY), secrets: [NEW, OLD], timestamp: T }),
    ).toBe(`t=${T},v1=${SIG_NEW},v1=${SIG_OLD}`);
  });
});

describe('parseSignatureHeader', () => {
  it.each([
    [`t=${T},v1=${SIG_NEW}`, { timestamp: T, signatures: [SIG_NEW] }],
    [
      ` t=${T} , v0=abc, v1=${SIG_NEW.toUpperCase()},v1=${SIG_OLD}`,
      { timestamp: T, signatures: [SIG_NEW, SIG_OLD] },
    ],
    [`v1=${SIG_NEW}`, undefined],
    [`t=${T}`, undefined],
    [`t=soon,v1=${SIG_NEW}`, undefined],
    [`t=${T},t=${T},v1=${SIG_NEW}`, undefined],
    [`t=${T},v1=${SIG_NEW.slice(2)}`, undefined],
    ['garbage', undefined],
  ])('reads %j', (header, expected) => {
    expect(parseSignatureHeader(header)).toEqual(expected);
  });
});

describe('verifySignature', () => {
  const ok = (secretIndex: number) => ({ ok: true, timestamp: T, secretIndex });
  const failed = (failure: SignatureFailure) => ({
    ok: false,
    failure,
    reason: expect.stringMatching(/^mieruka-signature: /),
  });

  it.each<[string, string | undefined, readonly string[], number, object]>([
    ['a signature by the only secret', `t=${T},v1=${SIG_NEW}`, [NEW], NOW, ok(0)],
    ['the old secret during a rotation', `t=${T},v1=${SIG_OLD}`, [NEW, OLD], NOW, ok(1)],
    ['one of two v1 values', `t=${T},v1=${'0'.repeat(64)},v1=${SIG_NEW}`, [NEW], NOW, ok(0)],
    ['4 min 59 s old', `t=${T},v1=${SIG_NEW}`, [NEW], NOW + 299_000, ok(0)],
    ['exactly 5 min ahead', `t=${T},v1=${SIG_NEW}`, [NEW], NOW - 300_000, ok(0)],
    ['no header', undefined, [NEW], NOW, failed('missing_header')],
    ['an empty header', '  ', [NEW], NOW, failed('missing_header')],
    ['a header without t', `v1=${SIG_NEW}`, [NEW], NOW, failed('malformed_header')],
    ['5 min 1 s old', `t=${T},v1=${SIG_NEW}`, [NEW], NOW + 301_000, failed('timestamp_too_old')],
    ['6 min ahead', `t=${T},v1=${SIG_NEW}`, [NEW], NOW - 360_000, failed('timestamp_in_future')],
    ['a retired secret', `t=${T},v1=${SIG_OLD}`, [NEW], NOW, failed('no_matching_signature')],
    ['no secrets configured', `t=${T},v1=${SIG_NEW}`, [], NOW, failed('no_matching_signature')],
    [
      'a replayed signature with a new timestamp',
      `t=${T + 60},v1=${SIG_NEW}`,
      [NEW],
      NOW,
      failed('no_matching_signature'),
    ],
  ])('%s', (_name, header, secrets, now, expected) => {
    expect(verifySignature({ header, body: BODY, secrets, now })).toEqual(expected);
  });

  it('refuses a body changed after signing', () => {
    const result = verifySignature({
      header: `t=${T},v1=${SIG_NEW}`,
      body: BODY.replace('ev-1', 'ev-2'),
      secrets: [NEW],
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, failure: 'no_matching_signature' });
  });

  it('honours a custom tolerance', () => {
    const header = createSignatureHeader({ body: BODY, secrets: NEW, timestamp: T });
    expect(
      verifySignature({
        header,
        body: BODY,
        secrets: [NEW],
        now: NOW + 61_000,
        toleranceMs: 60_000,
      }),
    ).toMatchObject({ ok: false, failure: 'timestamp_too_old' });
  });
});
