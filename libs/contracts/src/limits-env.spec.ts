import { parseEnv } from './env';

describe('limit settings', () => {
  it('have the documented defaults: generous rates, strict sign-in, same origin only', () => {
    expect(parseEnv({})).toMatchObject({
      MIERUKA_RATE_LIMIT_WINDOW_SECONDS: 60,
      MIERUKA_RATE_LIMIT_PER_IP: 1200,
      MIERUKA_RATE_LIMIT_PER_CREDENTIAL: 600,
      MIERUKA_RATE_LIMIT_INGEST: 6000,
      MIERUKA_LOGIN_MAX_FAILURES: 10,
      MIERUKA_LOGIN_WINDOW_MINUTES: 15,
      MIERUKA_CORS_ORIGINS: [],
      MIERUKA_TRUST_PROXY: 0,
    });
  });

  it('reads origins, numbers, and 0 as a limit switched off', () => {
    expect(
      parseEnv({
        MIERUKA_CORS_ORIGINS: ' https://tv.example.com, http://10.0.0.5:8080 ',
        MIERUKA_RATE_LIMIT_PER_IP: '0',
        MIERUKA_RATE_LIMIT_INGEST: '120000',
        MIERUKA_TRUST_PROXY: '1',
      }),
    ).toMatchObject({
      MIERUKA_CORS_ORIGINS: ['https://tv.example.com', 'http://10.0.0.5:8080'],
      MIERUKA_RATE_LIMIT_PER_IP: 0,
      MIERUKA_RATE_LIMIT_INGEST: 120_000,
      MIERUKA_TRUST_PROXY: 1,
    });
  });

  it('reports every problem at once', () => {
    let message = '';
    try {
      parseEnv({
        MIERUKA_CORS_ORIGINS: 'https://tv.example.com/,*,ftp://files.example.com',
        MIERUKA_RATE_LIMIT_PER_CREDENTIAL: '-1',
        MIERUKA_RATE_LIMIT_WINDOW_SECONDS: '0',
        MIERUKA_LOGIN_MAX_FAILURES: 'ten',
        MIERUKA_TRUST_PROXY: '11',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    const origin = 'each entry must be an origin such as https://wallboard.example.com (no path)';
    expect(message.split('\n').slice(1).sort()).toEqual(
      [
        `  MIERUKA_CORS_ORIGINS.0: ${origin}`,
        `  MIERUKA_CORS_ORIGINS.1: ${origin}`,
        `  MIERUKA_CORS_ORIGINS.2: ${origin}`,
        '  MIERUKA_LOGIN_MAX_FAILURES: must be a whole number',
        '  MIERUKA_RATE_LIMIT_PER_CREDENTIAL: must be 0 or more',
        '  MIERUKA_RATE_LIMIT_WINDOW_SECONDS: must be greater than 0',
        '  MIERUKA_TRUST_PROXY: must be at most 10',
      ].sort(),
    );
  });
});
