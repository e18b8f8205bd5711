import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stripe-style signatures for the generic webhook: the sender puts
 * `Mieruka-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` on its post.
 * Several `v1` values may be present (a sender signing with an old and a new secret during a
 * rotation), and the receiver may hold several secrets at once; one match is enough.
 */
export const SIGNATURE_HEADER = 'mieruka-signature';
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureFailure =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'no_matching_signature';

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number; readonly secretIndex: number }
  | { readonly ok: false; readonly failure: SignatureFailure; readonly reason: string };

export interface VerifyInput {
  /** The header value; undefined or empty when the post had none. */
  readonly header: string | undefined;
  /** The raw body exactly as received (not re-serialised JSON). */
  readonly body: string | Uint8Array;
  /** Every secret currently accepted (the new and the old one during a rotation). */
  readonly secrets: readonly string[];
  /** The receiving clock, epoch milliseconds. */
  readonly now: number;
  /** How far the signed time may be from `now`, either way; 5 minutes unless given. */
  readonly toleranceMs?: number;
}

export interface ParsedSignatureHeader {
  /** Unix seconds. */
  readonly timestamp: number;
  /** Every `v1` value, lower-cased hex. */
  readonly signatures: readonly string[];
}

/** Reads `t=…,v1=…[,v1=…]`; other schemes (`v0=`) are ignored. Undefined when malformed. */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) return undefined;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return undefined;
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || signatures.length === 0) return undefined;
  return { timestamp, signatures };
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function computeSignature(
  secret: string,
  timestamp: number,
  body: string | Uint8Array,
): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header a sender (or a test) puts on a post: `t=<timestamp>,v1=<sig>[,v1=<sig>…]`. */
export function createSignatureHeader(input: {
  readonly body: string | Uint8Array;
  /** One secret, or several during a rotation (one `v1` each). */
  readonly secrets: string | readonly string[];
  /** Unix seconds. */
  readonly timestamp: number;
}): string {
  const secrets = typeof input.secrets === 'string' ? [input.secrets] : input.secrets;
  const parts = secrets.map((s) => `v1=${computeSignature(s, input.timestamp, input.body)}`);
  return [`t=${input.timestamp}`, ...parts].join(',');
}

/**
 * Verifies a post: the header is well formed, the signed time is within the tolerance of
 * `now`, and some `v1` equals the HMAC under some secret (compared in constant time).
 */
export function verifySignature(input: VerifyInput): SignatureCheck {
  const tolerance = input.toleranceMs ?? SIGNATURE_TOLERANCE_MS;
  const header = input.header?.trim();
  if (!header) {
    return fail('missing_header', `${SIGNATURE_HEADER}: header is missing`);
  }
  const parsed = parseSignatureHeader(header);
  if (!parsed) {
    return fail(
      'malformed_header',
      `${SIGNATURE_HEADER}: expected t=<unix seconds>,v1=<64 hex digits>`,
    );
  }
  const signedAt = parsed.timestamp * 1000;
  if (input.now - signedAt > tolerance) {
    return fail(
      'timestamp_too_old',
      `${SIGNATURE_HEADER}: signed at ${new Date(signedAt).toISOString()}, more than ${tolerance / 1000} s ago`,
    );
  }
  if (signedAt - input.now > tolerance) {
    return fail(
      'timestamp_in_future',
      `${SIGNATURE_HEADER}: signed at ${new Date(signedAt).toISOString()}, more than ${tolerance / 1000} s ahead of this clock`,
    );
  }
  const candidates = parsed.signatures.map((hex) => Buffer.from(hex, 'hex'));
  let match = -1;
  input.secrets.forEach((secret, index) => {
    const expected = Buffer.from(computeSignature(secret, parsed.timestamp, input.body), 'hex');
    // Every secret and candidate is compared, so the time taken does not say which matched.
    for (const candidate of candidates) {
      if (timingSafeEqual(expected, candidate) && match < 0) match = index;
    }
  });
  if (match < 0) {
    return fail(
      'no_matching_signature',
      `${SIGNATURE_HEADER}: no signature matches a known secret`,
    );
  }
  return { ok: true, timestamp: parsed.timestamp, secretIndex: match };
}

function fail(failure: SignatureFailure, reason: string): SignatureCheck {
  return { ok: false, failure, reason };
}
