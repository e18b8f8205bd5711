import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { EnvError, type Env } from '@mieruka/contracts';

/** kafkajs's options for TLS and SASL; both absent means plaintext, as before. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

type SecurityEnv = Pick<
  Env,
  | 'MIERUKA_KAFKA_SSL'
  | 'MIERUKA_KAFKA_SSL_CA_FILE'
  | 'MIERUKA_KAFKA_SSL_CERT_FILE'
  | 'MIERUKA_KAFKA_SSL_KEY_FILE'
  | 'MIERUKA_KAFKA_SSL_REJECT_UNAUTHORIZED'
  | 'MIERUKA_KAFKA_SASL_MECHANISM'
  | 'MIERUKA_KAFKA_SASL_USERNAME'
  | 'MIERUKA_KAFKA_SASL_PASSWORD'
  | 'MIERUKA_KAFKA_SASL_PASSWORD_FILE'
>;

/** What each file must hold, so a JKS truststore or a DER file is named at start, not in a handshake. */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/;

function invalid(setting: string, problem: string): EnvError {
  return new EnvError(`Invalid settings:\n  ${setting}: ${problem}`);
}

/** A file a setting names; its contents never go into the message (it may be a key). */
function readSetting(setting: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw invalid(setting, `cannot read ${path} (${code})`);
  }
}

function pem(setting: string, path: string, shape: RegExp, what: string): string {
  const text = readSetting(setting, path);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) {
    throw invalid(setting, `${path} is an encrypted key; give it unencrypted (PKCS#8 or PKCS#1)`);
  }
  if (!shape.test(text)) throw invalid(setting, `${path} holds no PEM ${what}`);
  return text;
}

function tls(env: SecurityEnv): ConnectionOptions | undefined {
  if (!env.MIERUKA_KAFKA_SSL) return undefined;
  const ca = env.MIERUKA_KAFKA_SSL_CA_FILE;
  const cert = env.MIERUKA_KAFKA_SSL_CERT_FILE;
  const key = env.MIERUKA_KAFKA_SSL_KEY_FILE;
  return {
    rejectUnauthorized: env.MIERUKA_KAFKA_SSL_REJECT_UNAUTHORIZED,
    // Without a CA file, Node's bundled public CAs: what MSK and Confluent Cloud present.
    ...(ca ? { ca: [pem('MIERUKA_KAFKA_SSL_CA_FILE', ca, PEM_CERTIFICATE, 'certificate')] } : {}),
    ...(cert && key
      ? {
          cert: pem('MIERUKA_KAFKA_SSL_CERT_FILE', cert, PEM_CERTIFICATE, 'certificate'),
          key: pem('MIERUKA_KAFKA_SSL_KEY_FILE', key, PEM_KEY, 'private key'),
        }
      : {}),
  };
}

function password(env: SecurityEnv): string {
  if (env.MIERUKA_KAFKA_SASL_PASSWORD) return env.MIERUKA_KAFKA_SASL_PASSWORD;
  const file = env.MIERUKA_KAFKA_SASL_PASSWORD_FILE ?? '';
  // Secrets written with `echo` or an editor end in a newline that is not part of them.
  const text = readSetting('MIERUKA_KAFKA_SASL_PASSWORD_FILE', file).replace(/\r?\n$/, '');
  if (text === '') throw invalid('MIERUKA_KAFKA_SASL_PASSWORD_FILE', `${file} is empty`);
  return text;
}

function sasl(env: SecurityEnv): SASLOptions | undefined {
  const mechanism = env.MIERUKA_KAFKA_SASL_MECHANISM;
  // parseEnv has made sure a mechanism comes with a username and a password (or its file).
  if (!mechanism || !env.MIERUKA_KAFKA_SASL_USERNAME) return undefined;
  return { mechanism, username: env.MIERUKA_KAFKA_SASL_USERNAME, password: password(env) };
}

/**
 * The `ssl` and `sasl` options of every Kafka client (producer, consumers, readiness probe),
 * with the files the settings name read now: a missing or wrong file stops the start with the
 * setting's name rather than failing each connection later.
 */
export function kafkaSecurity(env: SecurityEnv): KafkaSecurity {
  const ssl = tls(env);
  const auth = sasl(env);
  return { ...(ssl ? { ssl } : {}), ...(auth ? { sasl: auth } : {}) };
}
