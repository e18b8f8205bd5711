import { clusterStatement } from './cluster-ddl';
import { recordMigration } from './migration-recorder';
import { migrations } from './migrations';

const ALL = migrations.map((m) => m.version);

/** The statements of every migration for database `mieruka`, as written. */
const written = migrations.flatMap((m) => m.statements.map((s) => s.replaceAll('{db}', 'mieruka')));

describe('migrate', () => {
  it('sends, with no layout, exactly the statements it sent before layouts existed', async () => {
    const { commands, recorded } = await recordMigration();
    // Copied from migrate.ts as it was before cluster layouts, whitespace and all.
    expect(commands).toEqual([
      'CREATE DATABASE IF NOT EXISTS mieruka',
      `CREATE TABLE IF NOT EXISTS mieruka.schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = MergeTree ORDER BY version`,
      ...written,
    ]);
    expect(recorded).toEqual(ALL);
  });

  it('on a cluster, sets up its bookkeeping replicated and reads it once in step', async () => {
    const layout = { cluster: 'main', replicated: true };
    const { commands, recorded } = await recordMigration({ layout });
    expect(commands.slice(0, 3)).toEqual([
      "CREATE DATABASE IF NOT EXISTS mieruka ON CLUSTER 'main'",
      `CREATE TABLE IF NOT EXISTS mieruka.schema_migrations ON CLUSTER 'main' (
      version UInt32, name String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = ReplicatedMergeTree ORDER BY version`,
      'SYSTEM SYNC REPLICA mieruka.schema_migrations LIGHTWEIGHT',
    ]);
    expect(commands.slice(3)).toEqual(
      migrations.flatMap((m) =>
        m.statements.map((s) => clusterStatement(s, layout).replaceAll('{db}', 'mieruka')),
      ),
    );
    expect(recorded).toEqual(ALL);
  });

  it('replicated without a cluster (Cloud) still syncs before reading, with no ON CLUSTER', async () => {
    const { commands } = await recordMigration({ layout: { replicated: true } });
    expect(commands[2]).toBe('SYSTEM SYNC REPLICA mieruka.schema_migrations LIGHTWEIGHT');
    expect(commands.join('\n')).not.toContain('ON CLUSTER');
  });

  it('runs only what the bookkeeping does not list yet', async () => {
    const { commands, recorded } = await recordMigration({
      layout: { cluster: 'main', replicated: true },
      applied: ALL.filter((v) => v !== 10),
    });
    expect(commands).toHaveLength(4);
    expect(commands[3]).toContain("ALTER TABLE mieruka.access_tokens ON CLUSTER 'main' ADD");
    expect(recorded).toEqual([10]);
  });
});
