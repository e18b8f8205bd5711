import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvError } from '@mieruka/contracts';
import { clickhouseTls } from './clickhouse-tls';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nsecret-key-material\n-----END PRIVATE KEY-----\n';

describe('clickhouseTls', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'mieruka-clickhouse-tls-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is nothing without a CA file: an http:// server, or Node’s public CAs', () => {
    expect(clickhouseTls({})).toBeUndefined();
  });

  it('reads the CA, and the client certificate and key when given', () => {
    const tls = clickhouseTls({
      MIERUKA_CLICKHOUSE_CA_FILE: file('ca.pem', CERT),
      MIERUKA_CLICKHOUSE_CERT_FILE: file('client.pem', CERT),
      MIERUKA_CLICKHOUSE_KEY_FILE: file('client.key', KEY),
    });
    expect(tls?.caCert.toString()).toBe(CERT);
    expect(tls?.clientCert?.key.toString()).toBe(KEY);
  });

  it('names the setting and the path of a file it cannot use, never its contents', () => {
    const read = (env: Parameters<typeof clickhouseTls>[0]) => {
      try {
        clickhouseTls(env);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(read({ MIERUKA_CLICKHOUSE_CA_FILE: join(dir, 'missing.pem') })).toContain(
      'MIERUKA_CLICKHOUSE_CA_FILE: cannot read',
    );
    const swapped = read({
      MIERUKA_CLICKHOUSE_CA_FILE: file('ca2.pem', CERT),
      MIERUKA_CLICKHOUSE_CERT_FILE: file('key-as-cert.pem', KEY),
      MIERUKA_CLICKHOUSE_KEY_FILE: file('client2.key', KEY),
    });
    expect(swapped).toContain('MIERUKA_CLICKHOUSE_CERT_FILE:');
    expect(swapped).toContain('holds no PEM certificate');
    expect(swapped).not.toContain('secret-key-material');
  });
});
