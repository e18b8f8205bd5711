import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '@mieruka/contracts';
import { kafkaSecurity } from './kafka-security';

// Shapes only: the files are read and checked here, not used for a handshake.
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n';

describe('kafkajs TLS and SASL options from the settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-kafka-security-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const security = (env: Record<string, string>) => kafkaSecurity(parseEnv(env));

  it('adds nothing by default (plaintext)', () => {
    expect(security({})).toEqual({});
  });

  it('turns TLS on with Node’s CAs, or with a CA file and a client certificate', () => {
    expect(security({ MIERUKA_KAFKA_SSL: 'on' })).toEqual({ ssl: { rejectUnauthorized: true } });
    expect(
      security({
        MIERUKA_KAFKA_SSL: 'on',
        MIERUKA_KAFKA_SSL_CA_FILE: file('ca.pem', CERT),
        MIERUKA_KAFKA_SSL_CERT_FILE: file('client.pem', CERT),
        MIERUKA_KAFKA_SSL_KEY_FILE: file('client.key', KEY),
        MIERUKA_KAFKA_SSL_REJECT_UNAUTHORIZED: 'off',
      }),
    ).toEqual({ ssl: { rejectUnauthorized: false, ca: [CERT], cert: CERT, key: KEY } });
  });

  it('passes the SASL mechanism and credentials, the password from a file without its newline', () => {
    expect(
      security({
        MIERUKA_KAFKA_SASL_MECHANISM: 'plain',
        MIERUKA_KAFKA_SASL_USERNAME: 'key',
        MIERUKA_KAFKA_SASL_PASSWORD: 'secret',
      }),
    ).toEqual({ sasl: { mechanism: 'plain', username: 'key', password: 'secret' } });
    expect(
      security({
        MIERUKA_KAFKA_SSL: 'on',
        MIERUKA_KAFKA_SASL_MECHANISM: 'scram-sha-256',
        MIERUKA_KAFKA_SASL_USERNAME: 'u',
        MIERUKA_KAFKA_SASL_PASSWORD_FILE: file('password', 'from a file\n'),
      }),
    ).toEqual({
      ssl: { rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'from a file' },
    });
  });

  it('names the setting of a file it cannot use, never the file’s contents', () => {
    const secret = 'key-material-never-in-a-message';
    const fails = (env: Record<string, string>): string => {
      try {
        security(env);
      } catch (error) {
        expect(error).toHaveProperty('name', 'EnvError');
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    const missing = join(dir, 'missing.pem');
    expect(fails({ MIERUKA_KAFKA_SSL: 'on', MIERUKA_KAFKA_SSL_CA_FILE: missing })).toBe(
      `Invalid settings:\n  MIERUKA_KAFKA_SSL_CA_FILE: cannot read ${missing} (ENOENT)`,
    );
    const jks = file('truststore.jks', secret);
    expect(fails({ MIERUKA_KAFKA_SSL: 'on', MIERUKA_KAFKA_SSL_CA_FILE: jks })).toBe(
      `Invalid settings:\n  MIERUKA_KAFKA_SSL_CA_FILE: ${jks} holds no PEM certificate`,
    );
    const encrypted = file('enc.key', `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${secret}\n`);
    expect(
      fails({
        MIERUKA_KAFKA_SSL: 'on',
        MIERUKA_KAFKA_SSL_CERT_FILE: file('c.pem', CERT),
        MIERUKA_KAFKA_SSL_KEY_FILE: encrypted,
      }),
    ).toBe(
      `Invalid settings:\n  MIERUKA_KAFKA_SSL_KEY_FILE: ${encrypted} is an encrypted key; give it unencrypted (PKCS#8 or PKCS#1)`,
    );
    const empty = file('empty', '\n');
    expect(
      fails({
        MIERUKA_KAFKA_SASL_MECHANISM: 'plain',
        MIERUKA_KAFKA_SASL_USERNAME: 'u',
        MIERUKA_KAFKA_SASL_PASSWORD_FILE: empty,
      }),
    ).toBe(`Invalid settings:\n  MIERUKA_KAFKA_SASL_PASSWORD_FILE: ${empty} is empty`);
  });
});
