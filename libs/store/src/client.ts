import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { ChdbInserts } from './chdb-inserts';
import { isClustered, type ClusterLayout } from './cluster-ddl';

export interface StoreOptions {
  /** A ClickHouse server over HTTP; when absent, the embedded engine (chDB) is used. */
  readonly url?: string | undefined;
  readonly user?: string;
  readonly password?: string;
  /** Database holding Mieruka's tables; created when missing. */
  readonly database: string;
  /** Folder for chDB's data (embedded mode only). */
  readonly dataDir: string;
  /** Tables replicated and DDL run `ON CLUSTER` (server only; cluster-ddl.ts). */
  readonly layout?: ClusterLayout;
  /** For an https:// server signed by a private CA (server only). */
  readonly tls?: StoreTls;
}

/** PEM contents: the CA to trust, and a client certificate the server signs the user in by. */
export interface StoreTls {
  readonly caCert: Buffer;
  readonly clientCert?: { readonly cert: Buffer; readonly key: Buffer };
}

/** Rows already in ClickHouse's TabSeparated format (UTF-8 bytes), for one table's columns. */
export interface TabSeparatedInsert {
  readonly table: string;
  readonly columns: readonly [string, ...string[]];
  readonly data: Buffer;
  readonly settings?: Record<string, string>;
}

export interface StoreClient {
  readonly client: ClickHouseClient;
  readonly kind: 'chdb' | 'server';
  readonly database: string;
  /** How migrations lay the tables out; absent for one server and for chDB. */
  readonly layout?: ClusterLayout;
  /**
   * Inserts rows given as TabSeparated bytes: to chDB as they are (the client's insert would
   * turn them back into a string to put after the statement), large ones through a file
   * (chdb-inserts.ts); to a server as a byte stream.
   */
  readonly insertTabSeparated: (insert: TabSeparatedInsert) => Promise<void>;
  /**
   * chDB only, and only when its spool folder can be named to `file()`: runs `use` with `data`
   * in a file, given as an SQL string literal, removed afterwards. chDB reads a long list
   * from a file in half the time it takes the same list as a query parameter.
   */
  readonly withFile?: <T>(data: Buffer | string, use: (file: string) => Promise<T>) => Promise<T>;
  /** Closes every connection the store opened. */
  readonly close: () => Promise<void>;
}

/**
 * The one place that decides where the data lives. The same `@clickhouse/client` API and the
 * same SQL serve both: chDB (ClickHouse in-process) by default, a server when a URL is set.
 */
export function createStoreClient(options: StoreOptions): StoreClient {
  // chDB answers 64-bit integers as JSON numbers, a server as strings unless told otherwise;
  // asking both for numbers keeps one reading path.
  const clickhouse_settings = {
    output_format_json_quote_64bit_integers: 0,
    date_time_input_format: 'best_effort',
  } as const;
  if (options.url) {
    const client = createClient({
      url: options.url,
      username: options.user ?? 'default',
      password: options.password ?? '',
      clickhouse_settings,
      // Below the server's keep_alive_timeout (3 s in older configs, 30 s now) so we never reuse
      // a socket the server is about to close (that surfaces as ECONNRESET on the next request).
      keep_alive: { enabled: true, idle_socket_ttl: 2500 },
      request_timeout: 60_000,
      // An id lookup's parameter (10,000 ids) can pass the server's 1 MiB URL limit, where it
      // answers 400: parameters past 4 KiB go in the request body instead.
      use_multipart_params_auto: true,
      ...(options.tls ? { tls: { ca_cert: options.tls.caCert, ...options.tls.clientCert } } : {}),
    });
    const insertTabSeparated = async ({ table, columns, data, settings }: TabSeparatedInsert) => {
      await client.insert({
        table,
        columns: [...columns],
        format: 'TabSeparated',
        values: Readable.from([data], { objectMode: false }),
        clickhouse_settings: settings ?? {},
      });
    };
    return {
      client,
      kind: 'server',
      database: options.database,
      layout: options.layout,
      insertTabSeparated,
      close: () => client.close(),
    };
  }
  // chDB is one process with no Keeper: a layout for a cluster cannot be honoured there.
  if (options.layout && isClustered(options.layout)) {
    throw new Error('a ClickHouse cluster layout needs a server URL, not the embedded chDB');
  }
  const path = resolve(options.dataDir, 'chdb');
  mkdirSync(path, { recursive: true });
  // chDB is typed against @clickhouse/client-common, which the client re-declares in its own
  // package; the two ClickHouseSettings types differ only in their declaration site.
  type Connection = NonNullable<Parameters<typeof createClient>[0]>['connection'];
  const chdb = createChdbConnection({ path });
  const client = createClient({ connection: chdb as unknown as Connection, clickhouse_settings });
  const inserts = new ChdbInserts(path, resolve(options.dataDir, 'chdb-inserts'));
  const close = async () => {
    await inserts.close();
    await client.close();
  };
  return {
    client,
    kind: 'chdb',
    database: options.database,
    insertTabSeparated: (insert) => inserts.insert(insert),
    ...(inserts.spools ? { withFile: inserts.withFile.bind(inserts) } : {}),
    close,
  };
}
