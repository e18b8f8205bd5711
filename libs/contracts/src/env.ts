import { z } from 'zod';
import { passwordSchema, usernameSchema } from './auth';
import { adapterEnvProblems, adapterEnvShape } from './adapter-env';
import { clickhouseClusterEnvProblems, clickhouseClusterEnvShape } from './clickhouse-cluster-env';
import { clickhouseTlsEnvProblems, clickhouseTlsEnvShape } from './clickhouse-tls-env';
import { commaList, flag, positiveInt, wholeOrZero } from './env-fields';
import { kafkaEnvProblems, kafkaEnvShape } from './kafka-env';
import { kafkaSecurityEnvProblems, kafkaSecurityEnvShape } from './kafka-security-env';
import { limitsEnvShape } from './limits-env';
import { describeIssues } from './validate-event';

/**
 * Every setting of the running system, read from environment variables once at boot.
 * `process.env` is read nowhere else; docs/settings.md lists each variable (a test checks it),
 * and a `MIERUKA_*` name that is none of them is warned about at start (env-names.ts).
 */

const ingestKeyEntry = z
  .string()
  .regex(
    /^(?:[a-z0-9_-]{1,64}:)?[A-Za-z0-9._~+/=-]{16,256}$/,
    'each entry must be KEY or TENANT:KEY, keys 16–256 characters',
  );

export const envSchema = z
  .object({
    MIERUKA_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    MIERUKA_HOST: z.string().min(1).default('0.0.0.0'),
    MIERUKA_LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    MIERUKA_DATA_DIR: z.string().min(1).default('data'),
    MIERUKA_CLICKHOUSE_URL: z
      .url({ error: 'must be a URL such as http://localhost:8123' })
      .optional(),
    MIERUKA_CLICKHOUSE_USER: z.string().default('default'),
    MIERUKA_CLICKHOUSE_PASSWORD: z.string().default(''),
    MIERUKA_CLICKHOUSE_DATABASE: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a plain identifier')
      .default('mieruka'),
    ...clickhouseClusterEnvShape,
    ...clickhouseTlsEnvShape,
    MIERUKA_CONFIG: z.string().min(1).optional(),
    MIERUKA_INGEST_KEYS: commaList(ingestKeyEntry),
    MIERUKA_SESSION_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (the same on every instance)')
      .optional(),
    MIERUKA_SESSION_MINUTES: positiveInt.max(24 * 60).default(15),
    MIERUKA_ADMIN_USER: usernameSchema.optional(),
    MIERUKA_ADMIN_PASSWORD: passwordSchema.optional(),
    MIERUKA_REDIS_URL: z.url({ error: 'must be a URL such as redis://127.0.0.1:6379' }).optional(),
    MIERUKA_REDIS_STREAM: z.string().min(1).max(200).default('mieruka:live'),
    MIERUKA_MAX_BODY_BYTES: positiveInt.default(8 * 1024 * 1024),
    MIERUKA_MAX_EVENTS_PER_REQUEST: positiveInt.default(10_000),
    MIERUKA_SIMULATOR: flag.default(true),
    MIERUKA_SIMULATOR_SEED: z.coerce.number().int().default(1),
    MIERUKA_SIMULATOR_RATE: z.coerce
      .number()
      .positive('must be greater than 0')
      .max(100)
      .default(1),
    // Days of the month to date the simulator fills on first start (1: today only).
    MIERUKA_SIMULATOR_BACKFILL_DAYS: z.coerce
      .number()
      .int('must be a whole number of days')
      .min(1)
      .max(31)
      .default(31),
    // Seconds between checkpoints of the live projections (docs/store.md); 0: none written
    // or loaded, every start refolds from the store. Off by default until taking one is
    // cheap: after a 1M-event day it held the event loop for seconds (docs/benchmarks.md).
    MIERUKA_CHECKPOINT_SECONDS: wholeOrZero.max(24 * 3600).default(0),
    // History read through the 15-minute rollups, built in the background (docs/store.md).
    // Off by default until every view is faster: today by 15 minutes measured slower on them.
    MIERUKA_HISTORY_ROLLUPS: flag.default(false),
    ...adapterEnvShape,
    ...kafkaEnvShape,
    ...kafkaSecurityEnvShape,
    ...limitsEnvShape,
  })
  .superRefine((env, ctx) => {
    for (const [path, message] of [
      ...adapterEnvProblems(env),
      ...kafkaEnvProblems(env),
      ...kafkaSecurityEnvProblems(env),
      ...clickhouseClusterEnvProblems(env),
      ...clickhouseTlsEnvProblems(env),
    ])
      ctx.addIssue({ code: 'custom', path: [path], message });
  })
  .refine((env) => !env.MIERUKA_ADMIN_USER === !env.MIERUKA_ADMIN_PASSWORD, {
    path: ['MIERUKA_ADMIN_PASSWORD'],
    message: 'MIERUKA_ADMIN_USER and MIERUKA_ADMIN_PASSWORD are set together',
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses the environment, reporting every problem at once (one line each). */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('MIERUKA_') && v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error.issues, cleaned).split('; ');
    throw new EnvError(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
