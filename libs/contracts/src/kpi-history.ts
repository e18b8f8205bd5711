import { z } from 'zod';
import { tenantIdSchema, timestampSchema } from './event';
import { scopeSchema, windowKpisSchema } from './kpi-snapshot';

/**
 * KPI history (`GET /api/v1/kpis`): the window values of docs/kpis.md over a range, cut into
 * local time buckets or broken down by a dimension. Computed by the SQL path.
 */

export const TIME_BUCKETS = ['15m', 'hour', 'day'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export const BREAKDOWNS = ['queue', 'campaign', 'team', 'agent'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * `weekdayHour`: the range folded onto the week — a row per local weekday and hour that the
 * range contains (key `1-09` = Mondays 09:00–10:00, ISO weekdays), every value computed from
 * the sums of all those hours together (a ratio of sums, never an average of ratios).
 */
export const PATTERNS = ['weekdayHour'] as const;
export type Pattern = (typeof PATTERNS)[number];

export const HISTORY_GROUPS = [...TIME_BUCKETS, ...BREAKDOWNS, ...PATTERNS] as const;
export type HistoryGroupBy = (typeof HISTORY_GROUPS)[number];

export function isTimeBucket(groupBy: HistoryGroupBy): groupBy is TimeBucket {
  return (TIME_BUCKETS as readonly string[]).includes(groupBy);
}

/** Most rows one time-bucketed request may ask for (30 days by 15 minutes is 2,880). */
export const MAX_HISTORY_BUCKETS = 3000;

/**
 * How the readable CSV export (`format=csv`) writes durations: seconds with one decimal, or
 * h:mm:ss. `format=csv-raw` keeps milliseconds whatever this says.
 */
export const CSV_DURATIONS = ['seconds', 'hms'] as const;
export type CsvDurations = (typeof CSV_DURATIONS)[number];

export const kpiHistoryQuerySchema = z.object({
  tenant: tenantIdSchema.default('default'),
  scope: scopeSchema.default('tenant'),
  /** Start of the range, inclusive (default: local midnight today). */
  from: timestampSchema.optional(),
  /** End of the range, exclusive (default and latest: now). */
  to: timestampSchema.optional(),
  groupBy: z.enum(HISTORY_GROUPS, {
    error: `must be one of ${HISTORY_GROUPS.join(', ')}`,
  }),
});
export type KpiHistoryQuery = z.output<typeof kpiHistoryQuerySchema>;

export const kpiHistoryRowSchema = z.object({
  /** The bucket's start (local ISO) or the breakdown value (queue name, agent id, …). */
  key: z.string(),
  /** The part of the range the row covers: from `start` (inclusive) to `end` (exclusive). */
  start: z.string(),
  end: z.string(),
  kpis: windowKpisSchema,
  /** `weekdayHour` only: how many such hours the range holds (offered ÷ this = per hour). */
  occurrences: z.number().int().positive().optional(),
});
export type KpiHistoryRow = z.output<typeof kpiHistoryRowSchema>;

export const kpiHistorySchema = z.object({
  tenant: z.string(),
  scope: scopeSchema,
  groupBy: z.enum(HISTORY_GROUPS),
  from: z.string(),
  to: z.string(),
  /** Time buckets in order, every one present (zeros when quiet); breakdowns by key. */
  rows: z.array(kpiHistoryRowSchema),
});
export type KpiHistory = z.output<typeof kpiHistorySchema>;
