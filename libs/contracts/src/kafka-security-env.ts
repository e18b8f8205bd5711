import { z } from 'zod';
import { flag } from './env-fields';

/**
 * How the pipeline's Kafka clients prove who they are and check whom they talk to: TLS (with a
 * private CA and a client certificate when the cluster wants them) and SASL PLAIN or SCRAM, as
 * managed clusters (MSK, Confluent Cloud, Aiven) require. Spread into `envSchema`; the files
 * named here are read when the clients are made (apps/api/src/pipeline/kafka-security.ts).
 */

const file = z.string().min(1);

/** The mechanisms kafkajs speaks besides AWS IAM and OAUTHBEARER; Kafka's spelling is accepted. */
const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export const kafkaSecurityEnvShape = {
  /** TLS to the brokers (SASL_SSL or SSL listeners). */
  MIERUKA_KAFKA_SSL: flag.default(false),
  /** PEM CA bundle to trust instead of Node's public CAs (a private CA, such as Aiven's). */
  MIERUKA_KAFKA_SSL_CA_FILE: file.optional(),
  /** PEM client certificate and its unencrypted key, for clusters that ask for one (mTLS). */
  MIERUKA_KAFKA_SSL_CERT_FILE: file.optional(),
  MIERUKA_KAFKA_SSL_KEY_FILE: file.optional(),
  /** Off only to try something out: the brokers' certificates are then not checked at all. */
  MIERUKA_KAFKA_SSL_REJECT_UNAUTHORIZED: flag.default(true),
  MIERUKA_KAFKA_SASL_MECHANISM: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(SASL_MECHANISMS, { error: 'must be plain, scram-sha-256 or scram-sha-512' }))
    .optional(),
  MIERUKA_KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** A secret: never logged, never answered (tests/integration/kafka-sasl-ssl.test.ts). */
  MIERUKA_KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** The password in a file instead (a mounted secret); one trailing newline is ignored. */
  MIERUKA_KAFKA_SASL_PASSWORD_FILE: file.optional(),
};

type SecurityEnv = z.output<z.ZodObject<typeof kafkaSecurityEnvShape>>;

/** Checks across the TLS and SASL settings; returns [path, message] problems. */
export function kafkaSecurityEnvProblems(env: SecurityEnv): [string, string][] {
  const problems: [string, string][] = [];
  const password = env.MIERUKA_KAFKA_SASL_PASSWORD ?? env.MIERUKA_KAFKA_SASL_PASSWORD_FILE;
  if (env.MIERUKA_KAFKA_SASL_MECHANISM) {
    if (!env.MIERUKA_KAFKA_SASL_USERNAME) {
      problems.push([
        'MIERUKA_KAFKA_SASL_USERNAME',
        'is required with MIERUKA_KAFKA_SASL_MECHANISM',
      ]);
    }
    if (!password) {
      problems.push([
        'MIERUKA_KAFKA_SASL_PASSWORD',
        'is required with MIERUKA_KAFKA_SASL_MECHANISM (or MIERUKA_KAFKA_SASL_PASSWORD_FILE)',
      ]);
    }
  } else if (env.MIERUKA_KAFKA_SASL_USERNAME || password) {
    problems.push([
      'MIERUKA_KAFKA_SASL_MECHANISM',
      'is required with a SASL username or password: plain, scram-sha-256 or scram-sha-512',
    ]);
  }
  if (env.MIERUKA_KAFKA_SASL_PASSWORD && env.MIERUKA_KAFKA_SASL_PASSWORD_FILE) {
    problems.push([
      'MIERUKA_KAFKA_SASL_PASSWORD_FILE',
      'set either it or MIERUKA_KAFKA_SASL_PASSWORD, not both',
    ]);
  }
  const pair = ['MIERUKA_KAFKA_SSL_CERT_FILE', 'MIERUKA_KAFKA_SSL_KEY_FILE'] as const;
  for (const [name, other] of [pair, [pair[1], pair[0]]] as const) {
    if (env[other] && !env[name]) problems.push([name, `is required with ${other}`]);
  }
  // A CA or certificate given while TLS is off would be silently unused: a plaintext
  // connection where the operator meant an encrypted one.
  if (!env.MIERUKA_KAFKA_SSL) {
    for (const name of ['MIERUKA_KAFKA_SSL_CA_FILE', ...pair] as const) {
      if (env[name]) problems.push([name, 'needs MIERUKA_KAFKA_SSL=on']);
    }
  }
  return problems;
}
