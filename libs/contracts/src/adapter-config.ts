import { z } from 'zod';
import type { AdapterHealthReport } from './health';
import { tenantIdSchema } from './event';

/**
 * The CTI adapters' settings as admins edit them (`GET/PUT /api/v1/adapters/:name`). Until an
 * admin saves an adapter, its settings come from the environment (adapter-env.ts); a saved
 * version wins from then on, on every instance.
 *
 * Secrets (webhook secrets, auth tokens, access keys, PBX passwords) are never answered: each
 * stored secret has an id and is answered as `{ "keep": id }`. A PUT that sends such an object
 * back keeps that secret; a string in its place is a new secret. The shapes are written once,
 * for any form of secret (`adapterConfigShapes`): as sent, as stored, as answered.
 */

export const ADAPTER_NAMES = [
  'webhook',
  'twilio',
  'amazon-connect',
  'shopify',
  'asterisk-ami',
  'asterisk-queue-log',
  'freeswitch',
] as const;
export const adapterNameSchema = z.enum(ADAPTER_NAMES);
export type AdapterName = z.output<typeof adapterNameSchema>;

/** What a secret's value must look like, per field. */
export const SECRET_RULES = {
  webhook: z
    .string()
    .regex(
      /^[A-Za-z0-9._~+/=-]{16,256}$/,
      'must be 16–256 characters of A–Z a–z 0–9 . _ ~ + / = -',
    ),
  twilio: z.string().regex(/^[A-Za-z0-9]{8,128}$/, 'must be an auth token (8–128 letters, digits)'),
  amazonConnect: z
    .string()
    .regex(/^[\x21-\x2b\x2d-\x7e]{16,4096}$/, 'must be 16–4096 printable characters, no comma'),
  password: z.string().regex(/^[\x20-\x7e]{1,256}$/, 'must be 1–256 printable ASCII characters'),
  /** An app's client secret, or the signing key of a webhook made in the shop admin. */
  shopify: z
    .string()
    .regex(/^[\x21-\x2b\x2d-\x7e]{16,256}$/, 'must be 16–256 printable characters, no comma'),
} as const;
export type SecretRule = (typeof SECRET_RULES)[keyof typeof SECRET_RULES];

/** A stored secret: the value, and the id it is answered by. */
export const storedSecretSchema = z.strictObject({ secretId: z.string(), value: z.string() });
export type StoredSecret = z.output<typeof storedSecretSchema>;

/** A secret as answered, and as sent back to keep it. */
export const keptSecretSchema = z.strictObject({
  keep: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be the id of a stored secret'),
});
export type KeptSecret = z.output<typeof keptSecretSchema>;

/**
 * A secret field as a PUT sends it, parsed into the stored form: a string is a new secret
 * (checked against `rule`, given an id by `newId`), `{ "keep": id }` the stored secret of that
 * id (`lookup`). A refusal quotes the rule's message only, never the value. The adapters' and
 * the alerts' settings take their secrets this one way.
 */
export function secretInputSchema(
  rule: z.ZodType<string>,
  lookup: (id: string) => StoredSecret | undefined,
  newId: () => string,
) {
  return z.unknown().transform((given, ctx): StoredSecret => {
    if (typeof given === 'string') {
      const checked = rule.safeParse(given);
      if (checked.success) return { secretId: newId(), value: checked.data };
      ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'invalid' });
      return z.NEVER;
    }
    const kept = keptSecretSchema.safeParse(given);
    const found = kept.success ? lookup(kept.data.keep) : undefined;
    if (found) return found;
    ctx.addIssue({
      code: 'custom',
      message: kept.success
        ? `no stored secret has the id ${kept.data.keep} (send the new secret as a string)`
        : 'must be a new secret (a string) or { "keep": id } of a stored one',
    });
    return z.NEVER;
  });
}

const host = z
  .string()
  .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or IP address')
  .optional();
const port = (fallback: number) =>
  z.number().int('must be a whole number').min(1).max(65_535).default(fallback);
const wrapupSeconds = z.number().int('must be a whole number').min(0).max(3600).default(0);
const reasons = z.array(z.string().min(1).max(64)).max(32).default(['break', 'lunch', 'rest']);
/** Asterisk: member or device name → agent id, so one person under two names is one agent. */
const agentIds = z
  .record(z.string().min(1).max(128), z.string().min(1).max(128))
  .refine((m) => Object.keys(m).length <= 1000, 'at most 1000 names')
  .default({});
const idPrefix = z
  .string()
  .regex(/^[A-Za-z0-9.-]{1,32}$/, 'must be 1–32 characters of A–Z a–z 0–9 . -')
  .optional();
/** A Shopify note attribute's name (the order's "additional details"). */
const attributeName = z.string().regex(/^\P{Cc}{1,64}$/u, 'must be 1–64 characters');

/** Where a Shopify order's link to the call's `orderId` is read (libs/adapters shopify/link.ts). */
export const SHOPIFY_LINKS = ['name', 'id', 'note_attribute'] as const;

const publicUrl = z
  .url({ error: 'must be a URL such as https://wallboard.example.com' })
  .refine((v) => /^https?:/.test(v), 'must be an http or https URL')
  .optional();

/** Every adapter's settings, with secrets of the form `secret(rule)` makes. */
export function adapterConfigShapes<S extends z.ZodType>(secret: (rule: SecretRule) => S) {
  return {
    webhook: z.strictObject({
      enabled: z.boolean(),
      /** Several during a rotation; one with a tenant accepts only that tenant's events. */
      secrets: z
        .array(
          z.strictObject({
            tenant: tenantIdSchema.optional(),
            secret: secret(SECRET_RULES.webhook),
          }),
        )
        .max(8)
        .default([]),
    }),
    twilio: z.strictObject({
      enabled: z.boolean(),
      tenant: tenantIdSchema.default('default'),
      /** The base URL Twilio calls (behind a proxy: the public one); part of the signature. */
      publicUrl,
      authTokens: z.array(secret(SECRET_RULES.twilio)).max(4).default([]),
    }),
    'amazon-connect': z.strictObject({
      enabled: z.boolean(),
      tenant: tenantIdSchema.default('default'),
      /** Agent statuses counted as `break` (any other non-routable one is `not_ready`). */
      breakStatuses: reasons,
      accessKeys: z.array(secret(SECRET_RULES.amazonConnect)).max(4).default([]),
    }),
    shopify: z.strictObject({
      enabled: z.boolean(),
      tenant: tenantIdSchema.default('default'),
      /** The order's `name` (#1001), its `id`, or the note attribute `linkAttribute`. */
      link: z.enum(SHOPIFY_LINKS).default('name'),
      linkAttribute: attributeName.default('orderId'),
      /** Note attributes naming the call and agent: `order.cancelled` requires both. */
      callIdAttribute: attributeName.default('callId'),
      agentIdAttribute: attributeName.default('agentId'),
      /**
       * A delivery whose X-Shopify-Triggered-At is older is refused as a replay. Shopify retries
       * a failed delivery for about four hours with the same trigger time, hence six by default.
       */
      maxAgeSeconds: z.number().int('must be a whole number').min(300).max(172_800).default(21_600),
      secrets: z.array(secret(SECRET_RULES.shopify)).max(4).default([]),
    }),
    'asterisk-ami': z.strictObject({
      enabled: z.boolean(),
      tenant: tenantIdSchema.default('default'),
      host,
      port: port(5038),
      username: z
        .string()
        .regex(/^[\x21-\x7e]{0,128}$/, 'must be printable, no spaces')
        .default(''),
      secret: secret(SECRET_RULES.password).optional(),
      /** Shared with queue_log of the same PBX, so either fills the other's gaps. */
      idPrefix,
      wrapupSeconds,
      breakReasons: reasons,
      agentIds,
    }),
    'asterisk-queue-log': z.strictObject({
      enabled: z.boolean(),
      tenant: tenantIdSchema.default('default'),
      file: z.string().min(1).max(4096).optional(),
      pollMs: z.number().int().min(10).max(60_000).default(1000),
      idPrefix,
      wrapupSeconds,
      breakReasons: reasons,
      agentIds,
    }),
    freeswitch: z.strictObject({
      enabled: z.boolean(),
      tenant: tenantIdSchema.default('default'),
      host,
      port: port(8021),
      password: secret(SECRET_RULES.password).optional(),
      wrapupSeconds,
    }),
  };
}

/** The settings as stored and used (secrets with their values). */
export const storedAdapterConfigs = adapterConfigShapes(() => storedSecretSchema);
type Stored = typeof storedAdapterConfigs;
export type AdapterConfigs = { [N in AdapterName]: z.output<Stored[N]> };
export type AdapterConfig<N extends AdapterName = AdapterName> = AdapterConfigs[N];

/** The settings as answered (secrets by id). */
export const answeredAdapterConfigs = adapterConfigShapes(() => keptSecretSchema);
type Answered = typeof answeredAdapterConfigs;
export type AnsweredAdapterConfig<N extends AdapterName = AdapterName> = z.output<Answered[N]>;

/**
 * The settings as a PUT sends them, parsed into the stored form: a string is a new secret
 * (checked against its field's rule, given an id by `newId`), `{ "keep": id }` the stored
 * secret of that id (`lookup`).
 */
export function adapterInputSchemas(
  lookup: (id: string) => StoredSecret | undefined,
  newId: () => string,
) {
  return adapterConfigShapes((rule) => secretInputSchema(rule, lookup, newId));
}

/** The answered form of stored settings: every secret replaced by `{ keep: id }`. */
export function redactAdapterConfig(config: AdapterConfig): AnsweredAdapterConfig {
  return JSON.parse(
    JSON.stringify(config, (_key, value: unknown) =>
      isStoredSecret(value) ? { keep: value.secretId } : value,
    ),
  ) as AnsweredAdapterConfig;
}

/** Every stored secret in the settings (to look up the ones a PUT keeps). */
export function secretsOf(config: AdapterConfig): StoredSecret[] {
  const found: StoredSecret[] = [];
  JSON.stringify(config, (_key, value: unknown) => {
    if (isStoredSecret(value)) found.push(value);
    return value;
  });
  return found;
}

function isStoredSecret(value: unknown): value is StoredSecret {
  return storedSecretSchema.safeParse(value).success;
}

/** What an enabled adapter cannot run without; [path, message] problems. */
export function adapterConfigProblems<N extends AdapterName>(
  name: N,
  config: AdapterConfigs[N] | AnsweredAdapterConfig<N>,
): [string, string][] {
  if (!config.enabled) return [];
  const required = REQUIRED_WHEN_ENABLED[name];
  const record = config as Record<string, unknown>;
  return required
    .filter(([field]) => {
      const value = record[field];
      return value === undefined || (Array.isArray(value) && value.length === 0);
    })
    .map(([field, message]) => [field, message]);
}

const REQUIRED_WHEN_ENABLED: Record<AdapterName, readonly [string, string][]> = {
  webhook: [['secrets', 'at least one secret is required to enable the webhook']],
  twilio: [
    ['publicUrl', 'is required: Twilio signs the URL it calls'],
    ['authTokens', 'at least one auth token is required to enable Twilio'],
  ],
  'amazon-connect': [['accessKeys', 'at least one access key is required']],
  shopify: [['secrets', "at least one secret (the app's client secret) is required"]],
  'asterisk-ami': [
    ['host', 'is required to connect to the AMI'],
    ['secret', 'is required: the AMI login needs it'],
  ],
  'asterisk-queue-log': [['file', 'is required: the queue_log to tail']],
  freeswitch: [
    ['host', 'is required to connect to the event socket'],
    ['password', 'is required: the event socket asks for it'],
  ],
};

/** One adapter as `GET /api/v1/adapters` answers it. */
export interface AdapterAnswer {
  readonly name: AdapterName;
  readonly settings: AnsweredAdapterConfig;
  /** `stored`: saved through the API; `env`: from the environment variables. */
  readonly source: 'stored' | 'env';
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  /** Its state while enabled on the answering instance. */
  readonly health: AdapterHealthReport | null;
}
