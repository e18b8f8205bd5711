import type { IncomingHttpHeaders } from 'node:http';
import { ClickHouseException, Codes } from './exception';
import { readMultipart } from './multipart';

/** Who a request says it is. */
export interface Credentials {
  readonly user: string;
  readonly password: string;
  /** `X-ClickHouse-SSL-Certificate-Auth: on`: the user is the client certificate's CN. */
  readonly certificateAuth: boolean;
}

/** One HTTP request read the way ClickHouse's HTTPHandler reads it. */
export interface ClickHouseRequest {
  /** The whole statement, with an INSERT's data after it. */
  readonly sql: string;
  /** `param_<name>` values, as sent (ClickHouse parses them by the type in `{name:Type}`). */
  readonly params: Readonly<Record<string, string>>;
  /** Every other URL parameter: a setting, applied for this request only. */
  readonly settings: Readonly<Record<string, string>>;
  readonly database: string | undefined;
  readonly defaultFormat: string | undefined;
  readonly queryId: string | undefined;
  readonly credentials: Credentials;
}

/** URL parameters the server reads itself, never settings (HTTPHandler's reserved names). */
const RESERVED = new Set([
  'query',
  'database',
  'default_format',
  'compress',
  'decompress',
  'user',
  'password',
  'quota_key',
  'query_id',
  'stacktrace',
  'buffer_size',
  'wait_end_of_query',
  'session_id',
  'session_timeout',
  'session_check',
  'client_protocol_version',
  'close_session',
  'role',
]);
const EXTERNAL_TABLE = /_(format|types|structure)$/;

export function readRequest(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: Buffer,
): ClickHouseRequest {
  refuseUnsupported(url, headers);
  const contentType = header(headers, 'content-type') ?? '';
  const multipart = contentType.toLowerCase().startsWith('multipart/form-data');
  // No prototype: a parameter may be called `constructor`.
  const params = Object.create(null) as Record<string, string>;
  const settings = Object.create(null) as Record<string, string>;
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) params[key.slice('param_'.length)] ??= value;
    // With a form, ClickHouse takes no setting named *_format, *_types or *_structure (those
    // name an external table's columns): `date_time_input_format` is dropped, for one.
    else if (key !== '' && !RESERVED.has(key) && !(multipart && EXTERNAL_TABLE.test(key))) {
      settings[key] = value;
    }
  }
  let sql: string;
  if (multipart) {
    // The query and its parameters in form fields; any other field is ignored.
    const form = readMultipart(body, contentType);
    for (const [key, value] of form) {
      if (key.startsWith('param_')) params[key.slice('param_'.length)] ??= value;
    }
    sql = form.get('query') ?? url.searchParams.get('query') ?? '';
  } else {
    // The `query` parameter, a line break and the body (HTTPHandler's getQuery).
    const query = url.searchParams.get('query') ?? '';
    sql = (query ? `${query}\n` : '') + body.toString('utf8');
  }
  // Only read-only queries on GET, as ClickHouse does.
  if (method === 'GET' && settings.readonly === undefined) settings.readonly = '2';
  return {
    sql,
    params,
    settings,
    database:
      header(headers, 'x-clickhouse-database') ?? url.searchParams.get('database') ?? undefined,
    defaultFormat:
      header(headers, 'x-clickhouse-format') ?? url.searchParams.get('default_format') ?? undefined,
    queryId: url.searchParams.get('query_id') ?? header(headers, 'x-clickhouse-query-id'),
    credentials: readCredentials(url, headers),
  };
}

/** What the client could ask for and this server does not do: a clear error, not a wrong answer. */
function refuseUnsupported(url: URL, headers: IncomingHttpHeaders): void {
  const unsupported = [
    url.searchParams.has('session_id') && 'sessions (session_id)',
    url.searchParams.get('compress') === '1' && 'native compression (compress=1)',
    url.searchParams.get('decompress') === '1' && 'native compression (decompress=1)',
    header(headers, 'content-encoding') && 'compressed request bodies (Content-Encoding)',
  ].filter(Boolean);
  if (unsupported.length > 0) {
    throw new ClickHouseException(
      Codes.NOT_IMPLEMENTED,
      'NOT_IMPLEMENTED',
      `This test server does not support ${unsupported.join(', ')}`,
    );
  }
}

/** As ClickHouse's authenticateUserByHTTP: certificate, X-ClickHouse-* headers, Basic, URL. */
function readCredentials(url: URL, headers: IncomingHttpHeaders): Credentials {
  const user = header(headers, 'x-clickhouse-user') ?? '';
  const key = header(headers, 'x-clickhouse-key') ?? '';
  const certificateAuth = header(headers, 'x-clickhouse-ssl-certificate-auth') === 'on';
  const authorization = header(headers, 'authorization');
  const inUrl = url.searchParams.has('user') || url.searchParams.has('password');
  const only = (method: string) => {
    if (certificateAuth && key) throw mixed(method, 'authentication via password');
    if (authorization !== undefined) throw mixed(method, 'Authorization HTTP header');
    if (inUrl) throw mixed(method, 'authentication via parameters');
  };
  if (certificateAuth || user || key) {
    const method = certificateAuth ? 'SSL certificate authentication' : 'X-ClickHouse HTTP headers';
    only(method);
    if (!user) throw authFailed(`Got an empty user name from X-ClickHouse HTTP headers`);
    return { user, password: key, certificateAuth };
  }
  if (authorization !== undefined) {
    if (inUrl) throw mixed('Authorization HTTP header', 'authentication via parameters');
    const [scheme, encoded = ''] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'basic') {
      throw authFailed(
        `Invalid authentication: '${scheme}' HTTP Authorization scheme is not supported`,
      );
    }
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return {
      user: colon < 0 ? decoded : decoded.slice(0, colon),
      password: colon < 0 ? '' : decoded.slice(colon + 1),
      certificateAuth: false,
    };
  }
  return {
    user: url.searchParams.get('user') ?? 'default',
    password: url.searchParams.get('password') ?? '',
    certificateAuth: false,
  };
}

function mixed(method: string, other: string): ClickHouseException {
  return authFailed(
    `Invalid authentication: it is not allowed to use ${method} and ${other} simultaneously`,
  );
}

function authFailed(text: string): ClickHouseException {
  return new ClickHouseException(Codes.AUTHENTICATION_FAILED, 'AUTHENTICATION_FAILED', text);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
