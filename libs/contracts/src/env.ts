import { z } from 'zod';
import { describeIssues } from './validate-event';

/**
 * Every setting of the running system, read from environment variables once at boot.
 * `process.env` is read nowhere else; the README lists each variable.
 */

const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'], { error: 'must be on or off' })
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const positiveInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be greater than 0');

const ingestKeyEntry = z
  .string()
  .regex(
    /^(?:[a-z0-9_-]{1,64}:)?[A-Za-z0-9._~+/=-]{16,256}$/,
    'each entry must be KEY or TENANT:KEY, keys 16–256 characters',
  );

export const envSchema = z.object({
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
  MIERUKA_CONFIG: z.string().min(1).optional(),
  MIERUKA_INGEST_KEYS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ingestKeyEntry)),
  MIERUKA_MAX_BODY_BYTES: positiveInt.default(8 * 1024 * 1024),
  MIERUKA_MAX_EVENTS_PER_REQUEST: positiveInt.default(10_000),
  MIERUKA_SIMULATOR: flag.default(true),
  MIERUKA_SIMULATOR_SEED: z.coerce.number().int().default(1),
  MIERUKA_SIMULATOR_SPEED: z.coerce
    .number()
    .positive('must be greater than 0')
    .max(3600)
    .default(1),
  MIERUKA_SIMULATOR_RATE: z.coerce.number().positive('must be greater than 0').max(100).default(1),
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
