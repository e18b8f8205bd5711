import { parseEnv } from '@mieruka/contracts';
import { storeOptions } from './store-options';

describe('storeOptions', () => {
  it('passes the cluster settings on as the store layout', () => {
    const env = parseEnv({
      MIERUKA_CLICKHOUSE_URL: 'http://clickhouse-1:8123',
      MIERUKA_CLICKHOUSE_CLUSTER: 'main',
      MIERUKA_CLICKHOUSE_REPLICATED: 'on',
    });
    expect(storeOptions(env).layout).toEqual({ cluster: 'main', replicated: true });
  });

  it('lays out nothing by default', () => {
    expect(storeOptions(parseEnv({})).layout).toEqual({ cluster: undefined, replicated: false });
  });
});
