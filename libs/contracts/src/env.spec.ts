import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({
      MIERUKA_PORT: 3000,
      MIERUKA_HOST: '0.0.0.0',
      MIERUKA_DATA_DIR: 'data',
      MIERUKA_CLICKHOUSE_DATABASE: 'mieruka',
      MIERUKA_INGEST_KEYS: [],
      MIERUKA_SIMULATOR: true,
      MIERUKA_SIMULATOR_RATE: 1,
      MIERUKA_MAX_EVENTS_PER_REQUEST: 10_000,
    });
  });

  it('reads keys, flags and numbers', () => {
    const env = parseEnv({
      MIERUKA_PORT: '8080',
      MIERUKA_INGEST_KEYS: ' abcdefghijklmnop , osaka:0123456789abcdefXYZ ',
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_CLICKHOUSE_URL: 'http://clickhouse:8123',
      UNRELATED: 'ignored',
    });
    expect(env).toMatchObject({
      MIERUKA_PORT: 8080,
      MIERUKA_INGEST_KEYS: ['abcdefghijklmnop', 'osaka:0123456789abcdefXYZ'],
      MIERUKA_SIMULATOR: false,
      MIERUKA_CLICKHOUSE_URL: 'http://clickhouse:8123',
    });
  });

  it('takes the first admin as a user and password together, and a long session secret', () => {
    expect(
      parseEnv({ MIERUKA_ADMIN_USER: 'root', MIERUKA_ADMIN_PASSWORD: 'correct horse battery' }),
    ).toMatchObject({ MIERUKA_ADMIN_USER: 'root', MIERUKA_SESSION_MINUTES: 15 });
    expect(() => parseEnv({ MIERUKA_ADMIN_USER: 'root' })).toThrow(
      'MIERUKA_ADMIN_USER and MIERUKA_ADMIN_PASSWORD are set together',
    );
    expect(() => parseEnv({ MIERUKA_ADMIN_USER: 'root', MIERUKA_ADMIN_PASSWORD: 'short' })).toThrow(
      'must be at least 12 characters',
    );
    expect(() => parseEnv({ MIERUKA_SESSION_SECRET: 'too short' })).toThrow(
      'must be at least 32 characters',
    );
  });

  it('reports every problem at once, one line each', () => {
    let message = '';
    try {
      parseEnv({
        MIERUKA_PORT: 'eighty',
        MIERUKA_SIMULATOR: 'maybe',
        MIERUKA_INGEST_KEYS: 'short',
        MIERUKA_CLICKHOUSE_URL: 'not a url',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe('Invalid settings:');
    expect(
      lines
        .slice(1)
        .map((l) => l.trim().split(':')[0])
        .sort(),
    ).toEqual([
      'MIERUKA_CLICKHOUSE_URL',
      'MIERUKA_INGEST_KEYS.0',
      'MIERUKA_PORT',
      'MIERUKA_SIMULATOR',
    ]);
    expect(message).toContain('MIERUKA_SIMULATOR: must be on or off');
  });
});
