import { createStoreClient, type StoreClient } from './client';
import type { ClusterLayout } from './cluster-ddl';
import { recordMigration } from './migration-recorder';
import { testDataDir, testDatabaseName } from './testing';

/**
 * The cluster DDL read by ClickHouse's own parser (chDB, the same engine in-process). chDB
 * has no Keeper and no cluster, so it cannot run this DDL; it can parse it, say where each
 * clause landed (`formatQuery` prints from the syntax tree), and name its settings.
 */

const CLUSTER: ClusterLayout = { cluster: 'main', replicated: true };
const database = testDatabaseName();
let store: StoreClient;

beforeAll(() => {
  store = createStoreClient({ database, dataDir: testDataDir() });
});

afterAll(async () => {
  await store.client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
  await store.close();
});

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const result = await store.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/** ClickHouse's rendering of `sql` from its syntax tree; throws on a syntax error. */
async function format(sql: string): Promise<string> {
  const [row] = await rows<{ f: string }>('SELECT formatQuery({sql:String}) AS f', { sql });
  return row?.f ?? '';
}

async function statements(layout: ClusterLayout): Promise<string[]> {
  return (await recordMigration({ layout, database })).commands;
}

describe('the cluster DDL, as ClickHouse parses it', () => {
  it('parses every statement, with ON CLUSTER read as the cluster clause', async () => {
    for (const sql of await statements(CLUSTER)) {
      const formatted = await format(sql);
      if (/^(INSERT|SYSTEM) /.test(sql)) expect(formatted).not.toContain('ON CLUSTER');
      else expect(formatted.split(/\bON CLUSTER main\b/)).toHaveLength(2);
    }
  });

  it('reads each statement the same with and without ON CLUSTER, but for the clause', async () => {
    const [onCluster, replicatedOnly] = [
      await statements(CLUSTER),
      await statements({ replicated: true }),
    ];
    expect(onCluster).toHaveLength(replicatedOnly.length);
    for (const [i, sql] of onCluster.entries()) {
      expect((await format(sql)).replace(' ON CLUSTER main', '')).toBe(
        await format(replicatedOnly[i] ?? ''),
      );
    }
  });

  it('gives every table a Replicated engine whose settings this ClickHouse knows', async () => {
    const known = new Set(
      (await rows<{ name: string }>('SELECT name FROM system.merge_tree_settings')).map(
        (r) => r.name,
      ),
    );
    let tables = 0;
    for (const sql of await statements(CLUSTER)) {
      if (!sql.startsWith('CREATE TABLE')) continue;
      tables += 1;
      const formatted = await format(sql);
      expect(formatted).toMatch(/\nENGINE = Replicated\w*MergeTree\b/);
      const settings = /\nSETTINGS (.+)$/.exec(formatted)?.[1] ?? '';
      for (const [, name] of settings.matchAll(/(\w+) = /g)) expect(known).toContain(name);
    }
    expect(tables).toBe(18); // schema_migrations, sixteen tables, and migration 2's copy of events
  });

  it('lets a Replicated engine without arguments take the documented default path', async () => {
    const defaults = await rows<{ name: string; value: string }>(
      `SELECT name, value FROM system.server_settings
        WHERE name IN ('default_replica_path', 'default_replica_name') ORDER BY name`,
    );
    expect(defaults).toEqual([
      { name: 'default_replica_name', value: '{replica}' },
      { name: 'default_replica_path', value: '/clickhouse/tables/{uuid}/{shard}' },
    ]);
  });

  it('when run, fails for want of a cluster, and without ON CLUSTER for its Keeper path', async () => {
    const [createDatabase, createBookkeeping] = await statements(CLUSTER);
    await expect(store.client.command({ query: createDatabase ?? '' })).rejects.toThrow(
      /cluster 'main' not found/,
    );
    // Without ON CLUSTER, a database of one server (Atomic) refuses a per-table Keeper path
    // it cannot share with other replicas: why self-hosted clusters need MIERUKA_CLICKHOUSE_CLUSTER.
    await store.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    const [, replicatedOnly] = await statements({ replicated: true });
    await expect(store.client.command({ query: replicatedOnly ?? '' })).rejects.toThrow(
      /Macro 'uuid'[^]*ON CLUSTER/,
    );
    await expect(store.client.command({ query: createBookkeeping ?? '' })).rejects.toThrow(
      /cluster 'main' not found/,
    );
  });

  it('is refused by the embedded chDB, which has no cluster to lay it out on', () => {
    expect(() =>
      createStoreClient({ database, dataDir: testDataDir(), layout: { replicated: true } }),
    ).toThrow(/needs a server URL/);
  });
});
