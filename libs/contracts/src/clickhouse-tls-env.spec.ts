import { EnvError, parseEnv } from './env';

const HTTPS = { MIERUKA_CLICKHOUSE_URL: 'https://clickhouse.internal:8443' };
const CLIENT = {
  MIERUKA_CLICKHOUSE_CERT_FILE: '/run/secrets/client.pem',
  MIERUKA_CLICKHOUSE_KEY_FILE: '/run/secrets/client.key',
};

function problems(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  return '';
}

describe('TLS settings for a ClickHouse server', () => {
  it('read a CA, and a client certificate with its key, for an https:// server', () => {
    const env = { ...HTTPS, MIERUKA_CLICKHOUSE_CA_FILE: '/run/secrets/ca.pem', ...CLIENT };
    expect(parseEnv(env)).toMatchObject(env);
  });

  it('refuse them beside an http:// URL or chDB, where they would be silently unused', () => {
    const ca = { MIERUKA_CLICKHOUSE_CA_FILE: '/ca.pem' };
    expect(problems({ MIERUKA_CLICKHOUSE_URL: 'http://clickhouse:8123', ...ca })).toContain(
      'MIERUKA_CLICKHOUSE_CA_FILE: needs an https:// MIERUKA_CLICKHOUSE_URL',
    );
    expect(problems(ca)).toContain('needs an https:// MIERUKA_CLICKHOUSE_URL');
  });

  it('take the certificate and key together, with the CA that signed the server', () => {
    const ca = { MIERUKA_CLICKHOUSE_CA_FILE: '/ca.pem' };
    expect(
      problems({
        ...HTTPS,
        ...ca,
        MIERUKA_CLICKHOUSE_CERT_FILE: CLIENT.MIERUKA_CLICKHOUSE_CERT_FILE,
      }),
    ).toContain('MIERUKA_CLICKHOUSE_KEY_FILE: is required with MIERUKA_CLICKHOUSE_CERT_FILE');
    expect(
      problems({
        ...HTTPS,
        ...ca,
        MIERUKA_CLICKHOUSE_KEY_FILE: CLIENT.MIERUKA_CLICKHOUSE_KEY_FILE,
      }),
    ).toContain('MIERUKA_CLICKHOUSE_CERT_FILE: is required with MIERUKA_CLICKHOUSE_KEY_FILE');
    expect(problems({ ...HTTPS, ...CLIENT })).toContain(
      'MIERUKA_CLICKHOUSE_CA_FILE: is required with MIERUKA_CLICKHOUSE_CERT_FILE',
    );
  });

  it('refuse a password beside a client certificate, as ClickHouse does', () => {
    const env = { ...HTTPS, MIERUKA_CLICKHOUSE_CA_FILE: '/ca.pem', ...CLIENT };
    const message = problems({ ...env, MIERUKA_CLICKHOUSE_PASSWORD: 'hunter2-secret' });
    expect(message).toContain('MIERUKA_CLICKHOUSE_PASSWORD: must be empty');
    expect(message).not.toContain('hunter2-secret');
  });
});
