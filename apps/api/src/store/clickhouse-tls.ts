import { readFileSync } from 'node:fs';
import { EnvError, type Env } from '@mieruka/contracts';
import type { StoreTls } from '@mieruka/store';

type TlsEnv = Pick<
  Env,
  'MIERUKA_CLICKHOUSE_CA_FILE' | 'MIERUKA_CLICKHOUSE_CERT_FILE' | 'MIERUKA_CLICKHOUSE_KEY_FILE'
>;

/**
 * The TLS files the settings name, read and checked at start: a wrong file is named with its
 * setting now, not found out in a handshake. Their contents never go into a message.
 */
export function clickhouseTls(env: TlsEnv): StoreTls | undefined {
  const ca = env.MIERUKA_CLICKHOUSE_CA_FILE;
  if (!ca) return undefined;
  const cert = env.MIERUKA_CLICKHOUSE_CERT_FILE;
  const key = env.MIERUKA_CLICKHOUSE_KEY_FILE;
  return {
    caCert: pem('MIERUKA_CLICKHOUSE_CA_FILE', ca, CERTIFICATE, 'certificate'),
    ...(cert && key
      ? {
          clientCert: {
            cert: pem('MIERUKA_CLICKHOUSE_CERT_FILE', cert, CERTIFICATE, 'certificate'),
            key: pem('MIERUKA_CLICKHOUSE_KEY_FILE', key, KEY, 'unencrypted private key'),
          },
        }
      : {}),
  };
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----/;
const KEY = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/;

function pem(setting: string, path: string, shape: RegExp, what: string): Buffer {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new EnvError(`Invalid settings:\n  ${setting}: cannot read ${path} (${code})`);
  }
  if (!shape.test(text.toString('latin1'))) {
    throw new EnvError(`Invalid settings:\n  ${setting}: ${path} holds no PEM ${what}`);
  }
  return text;
}
