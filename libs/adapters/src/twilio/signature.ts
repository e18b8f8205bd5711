import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (https://www.twilio.com/docs/usage/security#validating-requests):
 * take the full URL Twilio requested (scheme, host, path, query), append every POST
 * parameter sorted by name — name then value, no separators — HMAC-SHA1 it with the auth
 * token, base64 it, and compare with `X-Twilio-Signature`.
 */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** Form parameters: an object, or name/value pairs when a name repeats. */
export type TwilioParams =
  Readonly<Record<string, string>> | readonly (readonly [string, string])[];

export type TwilioSignatureCheck =
  | { readonly ok: true; readonly tokenIndex: number }
  | {
      readonly ok: false;
      readonly failure: 'missing_header' | 'no_matching_signature';
      readonly reason: string;
    };

function pairsOf(params: TwilioParams): (readonly [string, string])[] {
  return Array.isArray(params)
    ? [...(params as readonly (readonly [string, string])[])]
    : Object.entries(params as Record<string, string>);
}

/** The base64 signature Twilio computes for a request. */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams = {},
): string {
  // Sorted by name in code-unit order (as Twilio's own libraries sort), then by value for
  // repeated names.
  const sorted = pairsOf(params).sort(([a, va], [b, vb]) =>
    a < b ? -1 : a > b ? 1 : va < vb ? -1 : va > vb ? 1 : 0,
  );
  const data = url + sorted.map(([k, v]) => k + v).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * The URL with and without its default port: Twilio signs the URL as configured, and a
 * proxy in between may add or drop `:443` / `:80` (Twilio's libraries accept either).
 */
export function urlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#:]+)(:\d+)?(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme = '', host = '', port, rest = ''] = m;
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  if (port === undefined) return [url, `${scheme}://${host}${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}://${host}${rest}`];
  return [url];
}

/**
 * Verifies `X-Twilio-Signature` for the public URL Twilio called (behind a proxy, the
 * configured public URL, not the one the server saw) against each auth token (primary and
 * secondary during a rotation), comparing in constant time.
 */
export function verifyTwilioSignature(input: {
  readonly signature: string | undefined;
  readonly url: string;
  readonly params: TwilioParams;
  readonly authTokens: readonly string[];
}): TwilioSignatureCheck {
  const given = input.signature?.trim();
  if (!given) {
    return {
      ok: false,
      failure: 'missing_header',
      reason: `${TWILIO_SIGNATURE_HEADER}: header is missing`,
    };
  }
  const givenBytes = Buffer.from(given);
  let match = -1;
  input.authTokens.forEach((token, index) => {
    for (const url of urlVariants(input.url)) {
      const expected = Buffer.from(computeTwilioSignature(token, url, input.params));
      const equal = expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes);
      if (equal && match < 0) match = index;
    }
  });
  if (match < 0) {
    return {
      ok: false,
      failure: 'no_matching_signature',
      reason: `${TWILIO_SIGNATURE_HEADER}: does not match the URL and parameters under any auth token`,
    };
  }
  return { ok: true, tokenIndex: match };
}

/**
 * Verifies a request whose body is JSON (an Event Streams webhook sink's): Twilio signs the URL
 * alone — no body parameters — and, when the URL carries `bodySHA256`, that is the hex SHA-256
 * of the body, checked here too (as Twilio's libraries' validateRequestWithBody does).
 */
export function verifyTwilioBodySignature(input: {
  readonly signature: string | undefined;
  readonly url: string;
  readonly body: Buffer;
  readonly authTokens: readonly string[];
}): TwilioSignatureCheck {
  const check = verifyTwilioSignature({ ...input, params: [] });
  if (!check.ok) return check;
  const query = input.url.includes('?') ? input.url.slice(input.url.indexOf('?') + 1) : '';
  const declared = new URLSearchParams(query).get('bodySHA256');
  if (declared === null) return check;
  const actual = createHash('sha256').update(input.body).digest('hex');
  if (declared.toLowerCase() !== actual) {
    return {
      ok: false,
      failure: 'no_matching_signature',
      reason: 'bodySHA256: the body hash in the URL does not match the body received',
    };
  }
  return check;
}

/** Reads an `application/x-www-form-urlencoded` body into name/value pairs, in order. */
export function parseForm(body: string): [string, string][] {
  return [...new URLSearchParams(body).entries()];
}
