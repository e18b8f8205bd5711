import { z } from 'zod';
import {
  keptSecretSchema,
  secretInputSchema,
  storedSecretSchema,
  type StoredSecret,
} from './adapter-config';
import { HISTORY_KPIS, LANGUAGES } from './kpi-catalogue';
import { LIVE_AGENT_STATES, WINDOWS, scopeSchema } from './kpi-snapshot';

/**
 * Alerts that leave the TV (docs/alerts.md): per tenant, rules on a number of the live
 * snapshot and the channels a breach and its clearing are sent to. One document per tenant,
 * replaced as a whole by an admin, like an adapter's settings — and its secrets (Slack and
 * Teams webhook URLs, a generic webhook's signing secret, an SMTP password) are kept the same
 * way: stored with an id, answered only as `{ "keep": id }`.
 */

/** Every number of the live snapshot a rule can watch, by its path in the snapshot. */
export const ALERT_METRICS = [
  ...WINDOWS.flatMap((window) => HISTORY_KPIS.map((kpi) => `windows.${window}.${kpi}` as const)),
  'live.inQueue',
  'live.longestWaitMs',
  ...LIVE_AGENT_STATES.map((state) => `live.agents.${state}` as const),
  'orders.awaitingPayment',
  'orders.paidNotShipped',
  'orders.held',
  'orders.stuck',
  'orders.oldestPaidNotShippedMs',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export const alertMetricSchema = z.enum(ALERT_METRICS);

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1–64 of a–z 0–9 -');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00–23:59)');

/**
 * Hours in the tenant's time zone when a rule sends nothing: from `from` up to `to` (which may
 * be past midnight: 22:00–07:00), on the ISO weekdays listed (1 = Monday; all when omitted).
 * A change that happens then is sent when the quiet hours end, if it still stands.
 */
export const quietHoursSchema = z.strictObject({
  from: clockTime,
  to: clockTime,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
});
export type QuietHours = z.output<typeof quietHoursSchema>;

export const alertRuleSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(120),
  enabled: z.boolean().default(true),
  metric: alertMetricSchema,
  scope: scopeSchema.default('tenant'),
  /** Breached while the number is above (or below) the threshold; a missing number changes nothing. */
  op: z.enum(['above', 'below']),
  threshold: z.number().finite(),
  /** The least time between two notifications of the rule: a flapping number sends once. */
  cooldownMs: z.number().int().min(0).max(86_400_000).default(300_000),
  quietHours: quietHoursSchema.optional(),
  /** The ids of the channels it is sent to. */
  channels: z.array(idSchema).min(1).max(16),
});
export type AlertRule = z.output<typeof alertRuleSchema>;

export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'teams', 'email'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), 'must be an http(s) URL');
const email = z.string().regex(/^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/, 'must be an e-mail address');
const SIGNING_SECRET = z
  .string()
  .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16–256 printable characters');
const PASSWORD = z.string().regex(/^[\x20-\x7e]{1,256}$/, 'must be 1–256 printable characters');

/** The channels, with secrets of the form `secret(rule)` makes (as sent, stored, answered). */
export function alertChannelShape<S extends z.ZodType>(secret: (rule: z.ZodType<string>) => S) {
  const base = { id: idSchema, name: z.string().min(1).max(120) };
  return z.discriminatedUnion('kind', [
    z.strictObject({
      ...base,
      kind: z.literal('webhook'),
      /** Where the JSON is posted (not a secret: the signature is what proves the sender). */
      url: httpUrl,
      /** Signs each post like Mieruka's own webhook: `Mieruka-Signature: t=…,v1=…`. */
      signingSecret: secret(SIGNING_SECRET),
    }),
    // A Slack or Teams incoming-webhook URL is the credential itself: anyone who has it posts.
    z.strictObject({ ...base, kind: z.literal('slack'), url: secret(httpUrl) }),
    z.strictObject({ ...base, kind: z.literal('teams'), url: secret(httpUrl) }),
    z.strictObject({
      ...base,
      kind: z.literal('email'),
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65_535).default(587),
      /** TLS from the start (465); otherwise STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      user: z.string().max(255).optional(),
      password: secret(PASSWORD).optional(),
      from: email,
      to: z.array(email).min(1).max(20),
    }),
  ]);
}

function alertSettingsShape<S extends z.ZodType>(secret: (rule: z.ZodType<string>) => S) {
  return z
    .strictObject({
      /** The language of the messages (the people reading them: ja or en). */
      language: z.enum(LANGUAGES).default('ja'),
      channels: z.array(alertChannelShape(secret)).max(32).default([]),
      rules: z.array(alertRuleSchema).max(200).default([]),
    })
    .superRefine((settings, ctx) => {
      const ids = new Set<string>();
      settings.channels.forEach((channel, i) => {
        if (ids.has(channel.id)) {
          ctx.addIssue({ code: 'custom', path: ['channels', i, 'id'], message: 'is used twice' });
        }
        ids.add(channel.id);
      });
      const rules = new Set<string>();
      settings.rules.forEach((rule, i) => {
        if (rules.has(rule.id)) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: 'is used twice' });
        }
        rules.add(rule.id);
        rule.channels.forEach((channel, j) => {
          if (!ids.has(channel)) {
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'channels', j],
              message: `no channel has the id ${channel}`,
            });
          }
        });
      });
    });
}

/** As stored and used: secrets with their values. */
export const storedAlertSettingsSchema = alertSettingsShape(() => storedSecretSchema);
export type AlertSettings = z.output<typeof storedAlertSettingsSchema>;
export type AlertChannel = AlertSettings['channels'][number];

/** As answered: secrets by id. */
export const answeredAlertSettingsSchema = alertSettingsShape(() => keptSecretSchema);
export type AnsweredAlertSettings = z.output<typeof answeredAlertSettingsSchema>;

/**
 * As a PUT sends it, parsed into the stored form: a string is a new secret (given an id by
 * `newId`), `{ "keep": id }` the stored secret of that id (`lookup`).
 */
export function alertSettingsInputSchema(
  lookup: (id: string) => StoredSecret | undefined,
  newId: () => string,
) {
  return alertSettingsShape((rule) => secretInputSchema(rule, lookup, newId));
}

/** What GET and PUT answer: a tenant's alert settings, secrets by id. */
export interface AlertSettingsAnswer {
  readonly tenant: string;
  readonly settings: AnsweredAlertSettings;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** One notification sent, or given up on, as admins see it (never a URL or a secret). */
export const alertDeliverySchema = z.object({
  at: z.string(),
  tenant: z.string(),
  rule: z.string(),
  channel: z.string(),
  kind: z.enum(['breach', 'clear']),
  outcome: z.enum(['sent', 'failed']),
  attempts: z.number().int(),
  /** Why it failed: a status code or a network error's kind, never a response body. */
  error: z.string().nullable(),
});
export type AlertDelivery = z.output<typeof alertDeliverySchema>;

/** The answered form: every stored secret replaced by `{ keep: id }`. */
export function redactAlertSettings(settings: AlertSettings): AnsweredAlertSettings {
  return JSON.parse(
    JSON.stringify(settings, (_key, value: unknown) =>
      storedSecretSchema.safeParse(value).success
        ? { keep: (value as StoredSecret).secretId }
        : value,
    ),
  ) as AnsweredAlertSettings;
}

/** Every stored secret in the settings (to look up the ones a PUT keeps). */
export function alertSecretsOf(settings: AlertSettings): StoredSecret[] {
  const found: StoredSecret[] = [];
  JSON.stringify(settings, (_key, value: unknown) => {
    const parsed = storedSecretSchema.safeParse(value);
    if (parsed.success) found.push(parsed.data);
    return value;
  });
  return found;
}
