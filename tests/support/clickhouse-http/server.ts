import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { version } from 'chdb';
import { ChdbEngine, type EngineResult } from './engine';
import { ClickHouseException, Codes, fromEngineError, httpStatusOf } from './exception';
import { readRequest, type Credentials } from './request';

export interface ClickHouseHttpOptions {
  /** chDB's data folder (one per process). */
  readonly dataDir: string;
  readonly port?: number;
  /** The one user; a request naming another, or the wrong password, is refused. */
  readonly user: string;
  readonly password: string;
  /** HTTPS with this key and certificate; `ca` set: clients must present a certificate it signed. */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer; readonly ca?: Buffer };
  /** Idle seconds before the server closes a kept-alive connection (sent as `Keep-Alive`). */
  readonly keepAliveSeconds?: number;
}

export interface ClickHouseHttp {
  readonly url: string;
  /** Connections accepted so far: keep-alive reuse shows as fewer connections than requests. */
  connections(): number;
  close(): Promise<void>;
}

/** ClickHouse's limit on a request's URL (`http_max_uri_size`, 1 MiB). */
const MAX_URI_BYTES = 1024 * 1024;
/** The engine's version, as a server puts it after each exception. */
const VERSION = version().libchdb.replaceAll('"', '');

/**
 * A test-only ClickHouse server: ClickHouse's HTTP interface, as far as @clickhouse/client
 * uses it, in front of chDB. See tests/support/clickhouse-http/README.md for what it speaks.
 */
export async function startClickHouseHttp(options: ClickHouseHttpOptions): Promise<ClickHouseHttp> {
  const engine = new ChdbEngine(options.dataDir);
  const timezone = await engine.timezone();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    void answer(req, res, options, engine, timezone);
  };
  // Node's own header limit would refuse a long URL before ClickHouse's check below could.
  const maxHeaderSize = 16 * MAX_URI_BYTES;
  const server: Server = options.tls
    ? createTlsServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.ca ? { ca: options.tls.ca, requestCert: true } : {}),
          rejectUnauthorized: Boolean(options.tls.ca),
          maxHeaderSize,
        },
        handle,
      )
    : createServer({ maxHeaderSize }, handle);
  // 3 s: the keep_alive_timeout older ClickHouse configs ship, stricter than today's 30 s.
  // Servers also end a kept-alive connection after some number of requests: this one after
  // 1,000, so the client meets that too.
  server.keepAliveTimeout = (options.keepAliveSeconds ?? 3) * 1000;
  server.maxRequestsPerSocket = 1000;
  let connections = 0;
  server.on(options.tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    connections: () => connections,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      engine.close();
    },
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  options: ClickHouseHttpOptions,
  engine: ChdbEngine,
  timezone: string,
): Promise<void> {
  const uri = req.url ?? '/';
  if (Buffer.byteLength(uri) > MAX_URI_BYTES) {
    // As ClickHouse: refused while reading the request line, before any query exists.
    res.writeHead(400, { 'content-type': 'text/plain; charset=UTF-8', connection: 'close' });
    res.end('HTTP request URI invalid or too long');
    return;
  }
  const body = await readBody(req);
  const url = new URL(uri, 'http://clickhouse');
  res.setHeader('X-ClickHouse-Server-Display-Name', 'clickhouse-http-test');
  try {
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.search)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end('Ok.\n');
      return;
    }
    if (url.pathname !== '/') {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=UTF-8' })
        .end(`There is no handle ${url.pathname}\n`);
      return;
    }
    const request = readRequest(req.method ?? 'GET', url, req.headers, body);
    authenticate(request.credentials, options, req);
    if (!request.sql.trim()) {
      throw new ClickHouseException(Codes.SYNTAX_ERROR, 'SYNTAX_ERROR', 'Empty query');
    }
    const queryId = request.queryId ?? randomUUID();
    const result = await engine.run(request);
    res.writeHead(200, {
      'content-type': contentType(result.format),
      'X-ClickHouse-Query-Id': queryId,
      ...(result.format ? { 'X-ClickHouse-Format': result.format } : {}),
      'X-ClickHouse-Timezone': timezone,
      'X-ClickHouse-Summary': summary(result),
    });
    res.end(result.body);
  } catch (error) {
    const exception = fromEngineError(error);
    res.writeHead(httpStatusOf(exception.type), {
      'content-type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': String(exception.code),
    });
    res.end(`${exception.message} (version ${VERSION})\n`);
  }
}

/** The configured user with its password, or with a client certificate whose CN names it. */
function authenticate(
  credentials: Credentials,
  options: ClickHouseHttpOptions,
  req: IncomingMessage,
): void {
  const byCertificate =
    credentials.certificateAuth &&
    (req.socket as TLSSocket).getPeerCertificate?.().subject?.CN === credentials.user;
  const byPassword = !credentials.certificateAuth && credentials.password === options.password;
  if (credentials.user === options.user && (byCertificate || byPassword)) return;
  // The message names the user, never the password it was given.
  throw new ClickHouseException(
    Codes.AUTHENTICATION_FAILED,
    'AUTHENTICATION_FAILED',
    `${credentials.user}: Authentication failed: password is incorrect, or there is no user with such name`,
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function summary(result: EngineResult): string {
  // chDB counts what a statement read; the rows an INSERT wrote are not reported to us.
  return JSON.stringify({
    read_rows: String(result.readRows),
    read_bytes: String(result.readBytes),
    written_rows: '0',
    written_bytes: '0',
    total_rows_to_read: String(result.readRows),
    result_rows: '0',
    result_bytes: String(result.body.length),
    elapsed_ns: String(Math.round(result.elapsedSeconds * 1e9)),
  });
}

function contentType(format: string | undefined): string {
  if (format?.startsWith('JSON')) return 'application/json; charset=UTF-8';
  if (format && /^(TabSeparated|TSV)/.test(format)) {
    return 'text/tab-separated-values; charset=UTF-8';
  }
  if (format?.startsWith('CSV')) return 'text/csv; charset=UTF-8; header=absent';
  return 'text/plain; charset=UTF-8';
}
