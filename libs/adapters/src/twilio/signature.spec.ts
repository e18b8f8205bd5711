import { computeTwilioSignature, parseForm, urlVariants, verifyTwilioSignature } from './signature';

// Twilio's published example ("Webhooks security", https://www.twilio.com/docs/usage/security
// #validating-requests): auth token 12345, URL https://mycompany.com/myapp.php?foo=1&bar=2,
// POST CallSid=CA1234567890ABCDE, Caller=+12349013030, Digits=1234, From=+12349013030,
// To=+18005551212 → 0/KCTR6DLpKmkAf8muzZqo1nDgQ= (also checked with
// `printf '%s' "$url$sorted" | openssl dgst -sha1 -hmac 12345 -binary | base64`).
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const TOKEN = '12345';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const EXPECTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('computeTwilioSignature', () => {
  it("reproduces Twilio's published example", () => {
    expect(computeTwilioSignature(TOKEN, URL, PARAMS)).toBe(EXPECTED);
  });

  it('sorts the parameters itself, whatever order they came in (form body pairs too)', () => {
    const body =
      'To=%2B18005551212&From=%2B12349013030&Digits=1234&Caller=%2B12349013030&CallSid=CA1234567890ABCDE';
    expect(computeTwilioSignature(TOKEN, URL, parseForm(body))).toBe(EXPECTED);
  });
});

describe('verifyTwilioSignature', () => {
  it.each<
    [
      string,
      { signature: string | undefined; url?: string; params?: object; authTokens?: string[] },
      object,
    ]
  >([
    ['the published example', { signature: EXPECTED }, { ok: true, tokenIndex: 0 }],
    [
      'the secondary token during a rotation',
      { signature: EXPECTED, authTokens: ['other', TOKEN] },
      { ok: true, tokenIndex: 1 },
    ],
    [
      'the URL with :443 added by a proxy',
      { signature: EXPECTED, url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2' },
      { ok: true, tokenIndex: 0 },
    ],
    ['no header', { signature: undefined }, { ok: false, failure: 'missing_header' }],
    [
      'a forged signature',
      { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      { ok: false, failure: 'no_matching_signature' },
    ],
    [
      'a changed parameter',
      { signature: EXPECTED, params: { ...PARAMS, Digits: '9999' } },
      { ok: false, failure: 'no_matching_signature' },
    ],
    [
      'the URL the server saw instead of the public one',
      { signature: EXPECTED, url: 'http://10.0.0.5:3000/myapp.php?foo=1&bar=2' },
      { ok: false, failure: 'no_matching_signature' },
    ],
  ])('%s', (_name, input, expected) => {
    const result = verifyTwilioSignature({
      url: URL,
      params: PARAMS,
      authTokens: [TOKEN],
      ...input,
    } as Parameters<typeof verifyTwilioSignature>[0]);
    expect(result).toMatchObject(expected);
  });
});

describe('urlVariants', () => {
  it.each([
    ['https://a.example/x?y=1', ['https://a.example/x?y=1', 'https://a.example:443/x?y=1']],
    ['http://a.example:80/x', ['http://a.example:80/x', 'http://a.example/x']],
    ['https://a.example:8443/x', ['https://a.example:8443/x']],
  ])('%s', (url, expected) => {
    expect(urlVariants(url)).toEqual(expected);
  });
});
