import type { StoreClient } from './client';
import { migrations as allMigrations, type Migration } from './migrations';

/** Creates the database if needed and applies the migrations it has not seen yet, in order. */
export async function migrate(
  store: StoreClient,
  migrations: readonly Migration[] = allMigrations,
): Promise<number[]> {
  const { client, database } = store;
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${database}.schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = MergeTree ORDER BY version`,
  });
  const done = await client.query({
    query: `SELECT version FROM ${database}.schema_migrations`,
    format: 'JSONEachRow',
  });
  const applied = new Set((await done.json<{ version: number }>()).map((r) => Number(r.version)));
  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) {
      await client.command({ query: statement.replaceAll('{db}', database) });
    }
    await client.insert({
      table: `${database}.schema_migrations`,
      values: [{ version: migration.version, name: migration.name, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
