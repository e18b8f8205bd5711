/**
 * libs/store/src/client.ts's server branch — @clickhouse/client over HTTP — against the test
 * ClickHouse server (tests/support/clickhouse-http: ClickHouse's HTTP interface in front of
 * chDB, the same engine): parameters, settings, streamed inserts, errors, keep-alive, long
 * parameter lists, TLS with a private CA and a client certificate, all set up by settings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseError } from '@clickhouse/client';
import { parseEnv, type CallEvent } from '@mieruka/contracts';
import { EventStore, createStoreClient, migrate, type StoreClient } from '@mieruka/store';
import { storeOptions } from '../../apps/api/src/store/store-options';
import { makeCertificates, type TestCertificates } from '../support/clickhouse-http/certificates';
import { startClickHouseHttp, type ClickHouseHttp } from '../support/clickhouse-http/server';

const USER = 'mieruka';
const PASSWORD = 'a test password';
const DATABASE = 'server_branch';

describe('the store on a ClickHouse server over HTTP', () => {
  let dir: string;
  let server: ClickHouseHttp;
  let store: StoreClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mieruka-clickhouse-server-'));
    server = await startClickHouseHttp({
      dataDir: join(dir, 'data'),
      user: USER,
      password: PASSWORD,
    });
    store = createStoreClient({
      url: server.url,
      user: USER,
      password: PASSWORD,
      database: DATABASE,
      dataDir: dir,
    });
    await migrate(store);
  });

  afterAll(async () => {
    await store?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = async <T>(query: string, query_params: Record<string, unknown> = {}) =>
    (await store.client.query({ query, query_params, format: 'JSONEachRow' })).json<T>();

  it('is the server branch', () => {
    expect(store.kind).toBe('server');
    expect(store.withFile).toBeUndefined();
  });

  it('sends parameters as ClickHouse reads them: awkward strings and arrays come back as they were', async () => {
    const awkward = 'tab\there, new\nline, quote \' and " , back\\slash, \\N, 見える化, {x:String}';
    const [back] = await rows<{ s: string; a: string[]; n: string | null }>(
      'SELECT {s:String} AS s, {a:Array(String)} AS a, {n:Nullable(String)} AS n',
      { s: awkward, a: [awkward, '', "'"], n: null },
    );
    expect(back).toEqual({ s: awkward, a: [awkward, '', "'"], n: null });
  });

  it('streams TabSeparated bytes to an INSERT with its settings: a repeated deduplication token stores nothing twice', async () => {
    await store.client.command({
      query: `CREATE TABLE ${DATABASE}.dedup (s String, n UInt32) ENGINE = MergeTree ORDER BY s
              SETTINGS non_replicated_deduplication_window = 100`,
    });
    const insert = (token: string) =>
      store.insertTabSeparated({
        table: `${DATABASE}.dedup`,
        columns: ['s', 'n'],
        data: Buffer.from('a\\tb\t1\nc\\nd\t2\n'),
        settings: { insert_deduplication_token: token },
      });
    await insert('batch-1');
    await insert('batch-1');
    await insert('batch-2');
    expect(await rows(`SELECT s, n FROM ${DATABASE}.dedup ORDER BY s, n`)).toEqual([
      { s: 'a\tb', n: 1 },
      { s: 'a\tb', n: 1 },
      { s: 'c\nd', n: 2 },
      { s: 'c\nd', n: 2 },
    ]);
  });

  it("answers a refused statement with ClickHouse's code and type, and the connection serves on", async () => {
    await store.client.command({
      query: `CREATE TABLE ${DATABASE}.numbers (s String, n UInt32) ENGINE = MergeTree ORDER BY s`,
    });
    const before = server.connections();
    await expect(
      store.client.query({ query: `SELECT * FROM ${DATABASE}.nowhere` }),
    ).rejects.toEqual(expect.objectContaining({ code: '60', type: 'UNKNOWN_TABLE' }));
    const badRow = store.insertTabSeparated({
      table: `${DATABASE}.numbers`,
      columns: ['s', 'n'],
      data: Buffer.from('x\tnot a number\n'),
    });
    await expect(badRow).rejects.toBeInstanceOf(ClickHouseError);
    await expect(badRow).rejects.toEqual(
      expect.objectContaining({ type: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED' }),
    );
    expect(await rows('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(server.connections() - before).toBeLessThanOrEqual(1);
  });

  it('keeps its connection alive: thirty requests in a row open at most one', async () => {
    await rows('SELECT 1');
    const before = server.connections();
    for (let i = 0; i < 30; i++)
      expect(await rows('SELECT {i:UInt8} AS i', { i })).toEqual([{ i }]);
    expect(server.connections() - before).toBeLessThanOrEqual(1);
  });

  it('is refused with a wrong password, and the error does not carry it', async () => {
    const wrong = createStoreClient({
      url: server.url,
      user: USER,
      password: 'not it',
      database: DATABASE,
      dataDir: dir,
    });
    try {
      const refused = await wrong.client.query({ query: 'SELECT 1' }).catch((e: unknown) => e);
      expect(refused).toEqual(
        expect.objectContaining({ code: '516', type: 'AUTHENTICATION_FAILED' }),
      );
      expect(String((refused as Error).message)).not.toContain('not it');
    } finally {
      await wrong.close();
    }
  });

  it('looks up 10,000 ids of 128 characters at once: the parameter, 3.9 MB in a URL, goes in the body', async () => {
    // Ids may hold ':', which a URL spells %3A: 10,000 such ids are far past ClickHouse's 1 MiB
    // URL limit (http_max_uri_size), where a server refuses the request.
    const ids = Array.from(
      { length: 10_000 },
      (_, i) => `${':'.repeat(120)}${String(i).padStart(8, '0')}`,
    );
    const events = new EventStore(store);
    const stored = (id: string) =>
      ({
        id,
        type: 'call.offered',
        occurredAt: '2026-11-24T10:00:00.000+09:00',
        tenant: 'default',
        source: 'test',
        callId: 'c-1',
        direction: 'inbound',
        queue: 'support',
      }) satisfies CallEvent;
    await events.insertEvents([stored(ids[0]!), stored(ids[9_999]!)], {
      receivedAt: Date.parse('2026-11-24T10:00:01.000+09:00'),
      ingestSource: 'test',
    });
    expect(await events.storedKeys(ids)).toEqual(
      new Set([`default/${ids[0]}`, `default/${ids[9_999]}`]),
    );
  });
});

describe('TLS to a ClickHouse server, by settings', () => {
  let dir: string;
  let certificates: TestCertificates;
  let server: ClickHouseHttp;
  let mutual: ClickHouseHttp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mieruka-clickhouse-tls-'));
    certificates = makeCertificates(dir, USER);
    const key = readFileSync(certificates.serverKeyFile);
    const cert = readFileSync(certificates.serverCertFile);
    // chDB binds one data folder per process: both servers share it.
    const dataDir = join(dir, 'data');
    server = await startClickHouseHttp({
      dataDir,
      user: USER,
      password: PASSWORD,
      tls: { key, cert },
    });
    mutual = await startClickHouseHttp({
      dataDir,
      user: USER,
      password: '',
      tls: { key, cert, ca: readFileSync(certificates.caFile) },
    });
  });

  afterAll(async () => {
    await server?.close();
    await mutual?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The store the API would open with these settings. */
  const open = (settings: Record<string, string>) =>
    createStoreClient(
      storeOptions(parseEnv({ MIERUKA_CLICKHOUSE_USER: USER, MIERUKA_DATA_DIR: dir, ...settings })),
    );

  const ping = async (store: StoreClient) => {
    try {
      return await store.client
        .query({ query: 'SELECT 1 AS one', format: 'JSONEachRow' })
        .then((r) => r.json());
    } finally {
      await store.close();
    }
  };

  it('trusts a private CA named by MIERUKA_CLICKHOUSE_CA_FILE', async () => {
    const store = open({
      MIERUKA_CLICKHOUSE_URL: server.url,
      MIERUKA_CLICKHOUSE_PASSWORD: PASSWORD,
      MIERUKA_CLICKHOUSE_CA_FILE: certificates.caFile,
    });
    expect(await ping(store)).toEqual([{ one: 1 }]);
  });

  it('refuses the same server without that CA: its certificate is checked', async () => {
    const store = open({
      MIERUKA_CLICKHOUSE_URL: server.url,
      MIERUKA_CLICKHOUSE_PASSWORD: PASSWORD,
    });
    await expect(ping(store)).rejects.toThrow(/self[- ]signed certificate|unable to verify/i);
  });

  it('signs in with a client certificate (MIERUKA_CLICKHOUSE_CERT_FILE and _KEY_FILE), no password', async () => {
    const store = open({
      MIERUKA_CLICKHOUSE_URL: mutual.url,
      MIERUKA_CLICKHOUSE_CA_FILE: certificates.caFile,
      MIERUKA_CLICKHOUSE_CERT_FILE: certificates.clientCertFile,
      MIERUKA_CLICKHOUSE_KEY_FILE: certificates.clientKeyFile,
    });
    expect(await ping(store)).toEqual([{ one: 1 }]);
  });
});
