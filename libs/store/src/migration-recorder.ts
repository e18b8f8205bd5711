import type { ClickHouseClient } from '@clickhouse/client';
import type { StoreClient } from './client';
import type { ClusterLayout } from './cluster-ddl';
import { migrate } from './migrate';
import type { Migration } from './migrations';

/** What `migrate` sent: every statement, in order, and the versions it recorded. */
export interface RecordedMigration {
  readonly commands: string[];
  readonly recorded: number[];
}

/**
 * For tests: runs `migrate` against a client that only writes down what it is sent, as if
 * the database already held `applied`. No server, no chDB: the exact SQL of each layout.
 */
export async function recordMigration(
  options: {
    layout?: ClusterLayout;
    applied?: readonly number[];
    migrations?: readonly Migration[];
    database?: string;
  } = {},
): Promise<RecordedMigration> {
  const commands: string[] = [];
  const recorded: number[] = [];
  const client = {
    command: ({ query }: { query: string }) => {
      commands.push(query);
      return Promise.resolve({});
    },
    query: () =>
      Promise.resolve({
        json: () => Promise.resolve((options.applied ?? []).map((version) => ({ version }))),
      }),
    insert: ({ values }: { values: { version: number }[] }) => {
      recorded.push(...values.map((v) => v.version));
      return Promise.resolve({});
    },
  } as unknown as ClickHouseClient;
  const store: StoreClient = {
    client,
    kind: 'server',
    database: options.database ?? 'mieruka',
    layout: options.layout,
    insertTabSeparated: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  await migrate(store, options.migrations);
  return { commands, recorded };
}
