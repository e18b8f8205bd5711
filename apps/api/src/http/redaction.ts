import { CREDENTIAL_HEADERS } from '@mieruka/adapters';

/** Headers that carry a credential: the standard ones and every phone system's. */
export const SECRET_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  ...CREDENTIAL_HEADERS,
];

/** Field names that hold a credential wherever they appear in a logged object. */
const SECRET_FIELDS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
] as const;

/** A query parameter whose value is a credential by its name (`?token=`, `?api_key=`, …). */
const SECRET_PARAMETER = /pass|secret|token|key|sig|auth|cookie|session|credential/i;

export const REDACTED = '[redacted]';

/**
 * pino's `redact` paths: the secret headers of requests and answers, and secret fields at the
 * top and one level down of anything a line carries (pino's wildcard covers one level).
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`]),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

/** A request target with the values of credential-named query parameters replaced. */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      return SECRET_PARAMETER.test(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, at)}?${query.join('&')}`;
}

/** A parsed query (Express's `req.query`) with credential-named values replaced. */
export function redactedQuery(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      SECRET_PARAMETER.test(name) ? REDACTED : value,
    ]),
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
