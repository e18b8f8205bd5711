import type { StoreClient } from './client';
import { clusterStatement } from './cluster-ddl';
import { migrations as allMigrations, type Migration } from './migrations';

/** Where the applied versions are kept, set up first and in the same layout as every table. */
const BOOKKEEPING = [
  `CREATE DATABASE IF NOT EXISTS {db}`,
  `CREATE TABLE IF NOT EXISTS {db}.schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = MergeTree ORDER BY version`,
];

/** Creates the database if needed and applies the migrations it has not seen yet, in order. */
export async function migrate(
  store: StoreClient,
  migrations: readonly Migration[] = allMigrations,
): Promise<number[]> {
  const { client, database } = store;
  const layout = store.layout ?? {};
  const run = async (statement: string) => {
    await client.command({
      query: clusterStatement(statement, layout).replaceAll('{db}', database),
    });
  };
  for (const statement of BOOKKEEPING) await run(statement);
  if (layout.replicated) {
    // Another instance may have just recorded migrations through another replica: fetch its
    // rows before reading, or this one would run them again (migration 2 rebuilds events).
    await client.command({
      query: `SYSTEM SYNC REPLICA ${database}.schema_migrations LIGHTWEIGHT`,
    });
  }
  const done = await client.query({
    query: `SELECT version FROM ${database}.schema_migrations`,
    format: 'JSONEachRow',
  });
  const applied = new Set((await done.json<{ version: number }>()).map((r) => Number(r.version)));
  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) await run(statement);
    await client.insert({
      table: `${database}.schema_migrations`,
      values: [{ version: migration.version, name: migration.name, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
