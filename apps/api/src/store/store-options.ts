import type { Env } from '@mieruka/contracts';
import type { StoreOptions } from '@mieruka/store';
import { clickhouseTls } from './clickhouse-tls';

/** Where the data lives, from the settings: the API and the CLI open the same store. */
export function storeOptions(env: Env): StoreOptions {
  return {
    url: env.MIERUKA_CLICKHOUSE_URL,
    user: env.MIERUKA_CLICKHOUSE_USER,
    password: env.MIERUKA_CLICKHOUSE_PASSWORD,
    database: env.MIERUKA_CLICKHOUSE_DATABASE,
    dataDir: env.MIERUKA_DATA_DIR,
    layout: {
      cluster: env.MIERUKA_CLICKHOUSE_CLUSTER,
      replicated: env.MIERUKA_CLICKHOUSE_REPLICATED,
    },
    tls: clickhouseTls(env),
  };
}
