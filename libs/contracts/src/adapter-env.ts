import { z } from 'zod';
import { commaList } from './env-fields';
import { tenantIdSchema } from './event';

/**
 * Settings of the CTI ingest adapters (apps/api/src/adapters), spread into `envSchema`.
 * An adapter is on when its connection setting is given; everything else has a default.
 */

const wholeMs = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** `scheme://[user][:password]@host[:port]` with a host; the scheme is checked exactly. */
const connectionUrl = (scheme: string, example: string) =>
  z.string().refine(
    (v) => {
      try {
        const url = new URL(v);
        return url.protocol === `${scheme}:` && url.hostname !== '' && url.pathname.length <= 1;
      } catch {
        return false;
      }
    },
    { message: `must be a URL such as ${example}` },
  );

export const adapterEnvShape = {
  /** The tenant of every event an adapter maps from a PBX (the webhook's events carry their own). */
  MIERUKA_ADAPTER_TENANT: tenantIdSchema.default('default'),
  /** Reconnect delays of the TCP adapters: doubled from the first to the cap, with jitter. */
  MIERUKA_ADAPTER_RETRY_MIN_MS: wholeMs(10, 600_000).default(1000),
  MIERUKA_ADAPTER_RETRY_MAX_MS: wholeMs(10, 3_600_000).default(30_000),
  /** The wrap-up time PBXs do not report (Asterisk `wrapuptime`, mod_callcenter `wrap_up_time`). */
  MIERUKA_ADAPTER_WRAPUP_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 or more')
    .max(3600, 'must be at most 3600')
    .default(0),
  /** Pause reasons counted as `break` (any other pause is `not_ready`). */
  MIERUKA_ADAPTER_BREAK_REASONS: commaList(z.string().max(64)).transform((v) =>
    v.length > 0 ? v : ['break', 'lunch', 'rest'],
  ),
  /** Signed webhook: `SECRET` or `TENANT:SECRET`, comma separated (several during a rotation). */
  MIERUKA_WEBHOOK_SECRETS: commaList(
    z
      .string()
      .regex(
        /^(?:[a-z0-9_-]{1,64}:)?[A-Za-z0-9._~+/=-]{16,256}$/,
        'each entry must be SECRET or TENANT:SECRET, secrets 16–256 characters',
      ),
  ),
  MIERUKA_AMI_URL: connectionUrl('ami', 'ami://user:secret@127.0.0.1:5038').optional(),
  /** Event id prefix shared by AMI and queue_log of one PBX, so either fills the other's gaps. */
  MIERUKA_ASTERISK_ID_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,32}$/, 'must be 1–32 characters of A–Z a–z 0–9 . -')
    .optional(),
  /**
   * One agent per person when Asterisk logs a device and a member name for them:
   * `NAME=AGENT`, comma separated (`PJSIP/1001=alice,Alice=alice`). Names not listed are ids.
   */
  MIERUKA_ASTERISK_AGENT_IDS: commaList(
    z.string().regex(/^[^=,]{1,128}=[^=,]{1,128}$/, 'each entry must be NAME=AGENT'),
  ).transform((entries) =>
    Object.fromEntries(
      entries.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
    ),
  ),
  MIERUKA_QUEUE_LOG_FILE: z.string().min(1).optional(),
  /** Where the tailer keeps its read position; `<MIERUKA_DATA_DIR>/queue_log.position.json`. */
  MIERUKA_QUEUE_LOG_POSITION_FILE: z.string().min(1).optional(),
  MIERUKA_QUEUE_LOG_POLL_MS: wholeMs(10, 60_000).default(1000),
  MIERUKA_ESL_URL: connectionUrl('esl', 'esl://:ClueCon@127.0.0.1:8021').optional(),
  /** Twilio auth tokens, comma separated (primary and secondary during a rotation). */
  MIERUKA_TWILIO_AUTH_TOKENS: commaList(
    z.string().regex(/^[A-Za-z0-9]{8,128}$/, 'each entry must be an auth token (letters, digits)'),
  ),
  /** The public base URL Twilio calls (behind a proxy, not the one the API sees). */
  MIERUKA_TWILIO_PUBLIC_URL: z
    .url({ error: 'must be a URL such as https://wallboard.example.com' })
    .refine((v) => /^https?:/.test(v), 'must be an http or https URL')
    .optional(),
  /** Amazon Connect via Firehose: the HTTP endpoint's access keys, comma separated (rotation). */
  MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: commaList(
    z
      .string()
      .regex(
        /^[\x21-\x2b\x2d-\x7e]{16,4096}$/,
        'each entry must be an access key of 16–4096 printable characters',
      ),
  ),
  /**
   * Shopify order webhooks: the app's client secrets (or the admin webhooks' signing key),
   * comma separated (two during a rotation).
   */
  MIERUKA_SHOPIFY_SECRETS: commaList(
    z
      .string()
      .regex(
        /^[\x21-\x2b\x2d-\x7e]{16,256}$/,
        'each entry must be a secret of 16–256 printable characters',
      ),
  ),
  /** How a Shopify order names the call's orderId: `name`, `id` or `note_attribute:NAME`. */
  MIERUKA_SHOPIFY_LINK: z
    .string()
    .regex(
      /^(name|id|note_attribute:[^,\p{Cc}]{1,64})$/u,
      'must be name, id or note_attribute:NAME',
    )
    .default('name'),
};

/** Checks across adapter settings; returns [path, message] problems. */
export function adapterEnvProblems(env: {
  MIERUKA_ADAPTER_RETRY_MIN_MS: number;
  MIERUKA_ADAPTER_RETRY_MAX_MS: number;
  MIERUKA_TWILIO_AUTH_TOKENS: readonly string[];
  MIERUKA_TWILIO_PUBLIC_URL?: string | undefined;
}): [string, string][] {
  const problems: [string, string][] = [];
  if (env.MIERUKA_ADAPTER_RETRY_MAX_MS < env.MIERUKA_ADAPTER_RETRY_MIN_MS) {
    problems.push([
      'MIERUKA_ADAPTER_RETRY_MAX_MS',
      'must not be below MIERUKA_ADAPTER_RETRY_MIN_MS',
    ]);
  }
  if (env.MIERUKA_TWILIO_AUTH_TOKENS.length > 0 && !env.MIERUKA_TWILIO_PUBLIC_URL) {
    problems.push([
      'MIERUKA_TWILIO_PUBLIC_URL',
      'is required with MIERUKA_TWILIO_AUTH_TOKENS (Twilio signs the URL it calls)',
    ]);
  }
  return problems;
}
