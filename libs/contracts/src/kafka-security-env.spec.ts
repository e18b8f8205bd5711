import { parseEnv } from './env';

const problems = (env: Record<string, string>): string[] => {
  try {
    parseEnv(env);
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').slice(1);
  }
};

describe('Kafka TLS and SASL settings', () => {
  it('are off by default: plaintext, certificates checked once TLS is on', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      MIERUKA_KAFKA_SSL: false,
      MIERUKA_KAFKA_SSL_REJECT_UNAUTHORIZED: true,
    });
    expect(env.MIERUKA_KAFKA_SASL_MECHANISM).toBeUndefined();
  });

  it('reads SASL_SSL with SCRAM, the mechanism in Kafka’s spelling too', () => {
    expect(
      parseEnv({
        MIERUKA_KAFKA_SSL: 'on',
        MIERUKA_KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem',
        MIERUKA_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        MIERUKA_KAFKA_SASL_USERNAME: 'mieruka',
        MIERUKA_KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
      }),
    ).toMatchObject({
      MIERUKA_KAFKA_SSL: true,
      MIERUKA_KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem',
      MIERUKA_KAFKA_SASL_MECHANISM: 'scram-sha-512',
      MIERUKA_KAFKA_SASL_USERNAME: 'mieruka',
      MIERUKA_KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
    });
  });

  it('takes a client certificate with its key (mutual TLS)', () => {
    expect(
      problems({
        MIERUKA_KAFKA_SSL: 'on',
        MIERUKA_KAFKA_SSL_CERT_FILE: 'service.cert',
        MIERUKA_KAFKA_SSL_KEY_FILE: 'service.key',
      }),
    ).toEqual([]);
  });

  it('refuses a mechanism without a username and a password', () => {
    expect(problems({ MIERUKA_KAFKA_SASL_MECHANISM: 'plain' })).toEqual([
      '  MIERUKA_KAFKA_SASL_USERNAME: is required with MIERUKA_KAFKA_SASL_MECHANISM',
      '  MIERUKA_KAFKA_SASL_PASSWORD: is required with MIERUKA_KAFKA_SASL_MECHANISM (or MIERUKA_KAFKA_SASL_PASSWORD_FILE)',
    ]);
  });

  it('refuses credentials without a mechanism, and an unknown mechanism', () => {
    expect(
      problems({ MIERUKA_KAFKA_SASL_USERNAME: 'u', MIERUKA_KAFKA_SASL_PASSWORD: 'p' }),
    ).toEqual([
      '  MIERUKA_KAFKA_SASL_MECHANISM: is required with a SASL username or password: plain, scram-sha-256 or scram-sha-512',
    ]);
    expect(problems({ MIERUKA_KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([
      '  MIERUKA_KAFKA_SASL_MECHANISM: must be plain, scram-sha-256 or scram-sha-512',
    ]);
  });

  it('refuses a password given twice, and never repeats it', () => {
    const found = problems({
      MIERUKA_KAFKA_SASL_MECHANISM: 'scram-sha-256',
      MIERUKA_KAFKA_SASL_USERNAME: 'u',
      MIERUKA_KAFKA_SASL_PASSWORD: 'never-in-a-message-0123',
      MIERUKA_KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
    });
    expect(found).toEqual([
      '  MIERUKA_KAFKA_SASL_PASSWORD_FILE: set either it or MIERUKA_KAFKA_SASL_PASSWORD, not both',
    ]);
    expect(found.join('\n')).not.toContain('never-in-a-message');
  });

  it('refuses half a client certificate, and TLS files while TLS is off', () => {
    expect(problems({ MIERUKA_KAFKA_SSL: 'on', MIERUKA_KAFKA_SSL_CERT_FILE: 'c.pem' })).toEqual([
      '  MIERUKA_KAFKA_SSL_KEY_FILE: is required with MIERUKA_KAFKA_SSL_CERT_FILE',
    ]);
    expect(problems({ MIERUKA_KAFKA_SSL_CA_FILE: 'ca.pem' })).toEqual([
      '  MIERUKA_KAFKA_SSL_CA_FILE: needs MIERUKA_KAFKA_SSL=on',
    ]);
  });
});
