import { z } from 'zod';
import { tenantIdSchema } from './event';
import { describeIssues } from './validate-event';

/**
 * Per-tenant settings (docs/kpis.md): time zone, currency, service-level rules, working
 * calendar and KGIs. Every field has a default, so `{}` is a valid tenant.
 */

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const localDate = z
  .string({ error: 'must be a date string' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a local date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real date');

const wallClock = z
  .string({ error: 'must be a time string' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM (24-hour)');

/**
 * Country calendars a tenant may name among its holidays; their dates come from a maintained
 * holiday-data package in the KPI maths (libs/kpi/src/working-calendar.ts), never typed here.
 */
export const HOLIDAY_CALENDARS = ['jp'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

/** One closed day of the centre (YYYY-MM-DD), or a whole country's national holidays (`jp`). */
const holidayEntry = z
  .string({ error: 'must be a string' })
  .refine(
    (h) => (HOLIDAY_CALENDARS as readonly string[]).includes(h) || localDate.safeParse(h).success,
    `must be a local date YYYY-MM-DD or a country calendar (${HOLIDAY_CALENDARS.join(', ')})`,
  );

/** Opening hours of one weekday, overriding the calendar's `start`–`end` (e.g. short Saturdays). */
const dayHours = z
  .object({ start: wallClock, end: wallClock })
  .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['end'] });

export const KGI_METRICS = [
  'revenue',
  'orders',
  'netOrders',
  'answered',
  'connectedOutbound',
  'wrapped',
  // v2: counted where the order was taken (docs/kpis.md, Orders).
  'paidOrders',
  'shippedOrders',
] as const;

const kgiMetric = z
  .string({ error: 'must be a string' })
  .refine(
    (m) => (KGI_METRICS as readonly string[]).includes(m) || /^disposition:.+$/.test(m),
    `must be one of ${KGI_METRICS.join(', ')} or disposition:<name>`,
  );

const kgiPeriod = z.union(
  [
    z.enum(['month', 'quarter', 'year']),
    z
      .object({ start: localDate, end: localDate })
      .refine((p) => p.start <= p.end, 'start must not be after end'),
  ],
  { error: 'must be "month", "quarter", "year" or {start, end}' },
);

export const kgiSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A–Z a–z 0–9 . _ -'),
  name: z.object({ en: z.string().min(1).optional(), ja: z.string().min(1).optional() }).optional(),
  metric: kgiMetric,
  target: z.number({ error: 'must be a number' }).positive('must be greater than 0'),
  period: kgiPeriod,
  /**
   * v2: the scope whose events the KGI counts (`campaign:X`, `team:X`, `queue:X`, `agent:X`);
   * it shows in the tenant's snapshot and its own scope's only. Absent: the whole tenant.
   */
  scope: z
    .string({ error: 'must be a string' })
    .regex(
      /^(queue|campaign|team|agent):.{1,128}$/,
      'must be DIMENSION:VALUE with DIMENSION one of queue, campaign, team, agent',
    )
    .optional(),
});
export type Kgi = z.output<typeof kgiSchema>;

export const SERVICE_LEVEL_VARIANTS = [
  'abandons_count',
  'answered_only',
  'abandons_after_threshold',
] as const;

export const tenantSettingsSchema = z.object({
  tenant: z
    .object({
      id: tenantIdSchema.default('default'),
      timezone: z
        .string()
        .refine(isTimeZone, 'must be an IANA time zone such as Asia/Tokyo')
        .default('Asia/Tokyo'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as JPY')
        .default('JPY'),
    })
    .prefault({}),
  serviceLevel: z
    .object({
      thresholdMs: z.number().int().min(0).default(20_000),
      shortAbandonMs: z.number().int().min(0).default(5_000),
      variant: z.enum(SERVICE_LEVEL_VARIANTS).default('abandons_count'),
    })
    .prefault({}),
  workingCalendar: z
    .object({
      days: z
        .array(z.number().int().min(1).max(7), { error: 'must be ISO weekdays 1 (Mon) … 7 (Sun)' })
        .default([1, 2, 3, 4, 5]),
      start: wallClock.default('09:00'),
      end: wallClock.default('18:00'),
      /**
       * v1: a list of dates. v2: it may also name a country calendar, merged with the dates —
       * `["jp", "2026-12-29"]`; a bare `"jp"` reads as `["jp"]`.
       */
      holidays: z
        .union([holidayEntry.transform((h) => [h]), z.array(holidayEntry)])
        .default(['2026-11-03', '2026-11-23']),
      /**
       * v2: opening hours per ISO weekday ("1" Mon … "7" Sun) replacing `start`–`end` that day;
       * only for days listed in `days` (an entry for a closed weekday opens nothing).
       */
      hours: z
        .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), dayHours, {
          error: 'must map ISO weekdays "1" (Mon) … "7" (Sun) to {start, end}',
        })
        .optional(),
    })
    .refine((c) => c.start < c.end, { message: 'start must be before end', path: ['end'] })
    .prefault({}),
  kgis: z.array(kgiSchema).default([]),
  /** v2: when an open order counts as stuck (docs/kpis.md, The order book). */
  orders: z
    .object({
      /** Paid this long ago and still not shipped. */
      shipWithinMs: z.number().int().min(1).default(86_400_000),
      /** Confirmed this long ago and still not paid. */
      payWithinMs: z.number().int().min(1).default(3_600_000),
    })
    .prefault({}),
  /**
   * Agents' display names on the TV (the leaderboard), by agent id — `{ "A1": { "name": "山田" } }`;
   * an agent without one shows its id. Only a wallboard that shows names receives them.
   */
  agents: z
    .record(z.string().min(1).max(128), z.object({ name: z.string().min(1).max(40) }).strict())
    .optional(),
});
export type TenantSettings = z.output<typeof tenantSettingsSchema>;

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** Parses a settings file's JSON, reporting every problem at once. */
export function parseSettingsFile(json: unknown): TenantSettings[] {
  const isMulti = typeof json === 'object' && json !== null && 'tenants' in json;
  const schema = isMulti
    ? z.object({ tenants: z.array(tenantSettingsSchema).min(1) })
    : tenantSettingsSchema.transform((t) => ({ tenants: [t] }));
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SettingsError(describeIssues(parsed.error.issues, json));
  const ids = parsed.data.tenants.map((t) => t.tenant.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new SettingsError(`tenants: "${duplicate}" is configured twice`);
  return parsed.data.tenants;
}

/** The settings of a tenant nobody configured: the documented defaults under its id. */
export function defaultTenantSettings(id = 'default'): TenantSettings {
  const settings = tenantSettingsSchema.parse({});
  return { ...settings, tenant: { ...settings.tenant, id } };
}
