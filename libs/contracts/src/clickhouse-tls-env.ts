import { z } from 'zod';

/**
 * TLS to a ClickHouse server (an `https://` MIERUKA_CLICKHOUSE_URL) signed by a private CA,
 * and a client certificate where the server authenticates by one. Spread into `envSchema`;
 * the files are read when the store is opened (apps/api/src/store/clickhouse-tls.ts).
 */

const file = z.string().min(1);

export const clickhouseTlsEnvShape = {
  /** PEM CA bundle to trust for the server, instead of Node's public CAs. */
  MIERUKA_CLICKHOUSE_CA_FILE: file.optional(),
  /** PEM client certificate and its unencrypted key: the user is the certificate's CN. */
  MIERUKA_CLICKHOUSE_CERT_FILE: file.optional(),
  MIERUKA_CLICKHOUSE_KEY_FILE: file.optional(),
};

/** Checks across the TLS settings and the URL; returns [path, message] problems. */
export function clickhouseTlsEnvProblems(env: {
  MIERUKA_CLICKHOUSE_URL?: string | undefined;
  MIERUKA_CLICKHOUSE_PASSWORD: string;
  MIERUKA_CLICKHOUSE_CA_FILE?: string | undefined;
  MIERUKA_CLICKHOUSE_CERT_FILE?: string | undefined;
  MIERUKA_CLICKHOUSE_KEY_FILE?: string | undefined;
}): [string, string][] {
  const problems: [string, string][] = [];
  const files = [
    'MIERUKA_CLICKHOUSE_CA_FILE',
    'MIERUKA_CLICKHOUSE_CERT_FILE',
    'MIERUKA_CLICKHOUSE_KEY_FILE',
  ] as const;
  // A CA or certificate next to a plain http:// URL would be silently unused.
  if (!env.MIERUKA_CLICKHOUSE_URL?.startsWith('https://')) {
    for (const name of files) {
      if (env[name]) problems.push([name, 'needs an https:// MIERUKA_CLICKHOUSE_URL']);
    }
  }
  const [, cert, key] = files;
  if (env[cert] && !env[key]) problems.push([key, `is required with ${cert}`]);
  if (env[key] && !env[cert]) problems.push([cert, `is required with ${key}`]);
  if (env[cert] && !env.MIERUKA_CLICKHOUSE_CA_FILE) {
    problems.push([
      'MIERUKA_CLICKHOUSE_CA_FILE',
      `is required with ${cert} (the CA that signed the server)`,
    ]);
  }
  // ClickHouse refuses a password sent beside certificate authentication.
  if (env[cert] && env.MIERUKA_CLICKHOUSE_PASSWORD) {
    problems.push([
      'MIERUKA_CLICKHOUSE_PASSWORD',
      `must be empty with ${cert}: the certificate signs the user in`,
    ]);
  }
  return problems;
}
