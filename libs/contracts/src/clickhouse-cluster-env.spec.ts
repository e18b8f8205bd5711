import { EnvError, parseEnv } from './env';

const URL = { MIERUKA_CLICKHOUSE_URL: 'http://clickhouse-1:8123' };

function problems(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  return '';
}

describe('ClickHouse cluster settings', () => {
  it('are off by default: one server or chDB, tables as written', () => {
    expect(parseEnv({})).toMatchObject({ MIERUKA_CLICKHOUSE_REPLICATED: false });
    expect(parseEnv({}).MIERUKA_CLICKHOUSE_CLUSTER).toBeUndefined();
  });

  it('read a cluster (a name or a macro) with replicated tables', () => {
    for (const name of ['main', 'ch-cluster.eu_1', '{cluster}']) {
      expect(
        parseEnv({
          ...URL,
          MIERUKA_CLICKHOUSE_CLUSTER: name,
          MIERUKA_CLICKHOUSE_REPLICATED: 'on',
        }),
      ).toMatchObject({ MIERUKA_CLICKHOUSE_CLUSTER: name, MIERUKA_CLICKHOUSE_REPLICATED: true });
    }
  });

  it('take replicated tables alone, as on ClickHouse Cloud', () => {
    expect(parseEnv({ ...URL, MIERUKA_CLICKHOUSE_REPLICATED: 'on' })).toMatchObject({
      MIERUKA_CLICKHOUSE_REPLICATED: true,
    });
  });

  it('refuse a cluster without replicated tables: each host would keep its own rows', () => {
    expect(problems({ ...URL, MIERUKA_CLICKHOUSE_CLUSTER: 'main' })).toContain(
      'MIERUKA_CLICKHOUSE_CLUSTER: needs MIERUKA_CLICKHOUSE_REPLICATED=on',
    );
  });

  it('refuse either without a server: chDB is one process', () => {
    expect(problems({ MIERUKA_CLICKHOUSE_REPLICATED: 'on' })).toContain(
      'MIERUKA_CLICKHOUSE_REPLICATED: needs MIERUKA_CLICKHOUSE_URL',
    );
    expect(
      problems({ MIERUKA_CLICKHOUSE_CLUSTER: 'main', MIERUKA_CLICKHOUSE_REPLICATED: 'on' }),
    ).toContain('MIERUKA_CLICKHOUSE_CLUSTER: needs MIERUKA_CLICKHOUSE_URL');
  });

  it('refuse a cluster name that would not be one in SQL', () => {
    expect(
      problems({
        ...URL,
        MIERUKA_CLICKHOUSE_CLUSTER: "main' --",
        MIERUKA_CLICKHOUSE_REPLICATED: 'on',
      }),
    ).toContain('MIERUKA_CLICKHOUSE_CLUSTER: must be a cluster name');
    expect(problems({ ...URL, MIERUKA_CLICKHOUSE_REPLICATED: 'sometimes' })).toContain(
      'MIERUKA_CLICKHOUSE_REPLICATED: must be on or off',
    );
  });
});
