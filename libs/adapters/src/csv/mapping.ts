import { describeIssues } from '@mieruka/contracts';
import { z } from 'zod';

/**
 * A mapping file (JSON) telling how the columns of a CSV / CDR export become canonical
 * events, for `mieruka import --format csv --map mapping.json`. Each canonical field is
 * either a column (optionally translated through `values`, durations scaled by `unit`) or a
 * constant `value`.
 */
const column = z.object({
  column: z.string().min(1),
  values: z.record(z.string(), z.string()).optional(),
  unit: z.enum(['ms', 's', 'min']).optional(),
  default: z.string().optional(),
});
const constant = z.object({ value: z.union([z.string(), z.number(), z.boolean()]) });
const fieldSpec = z.union([column, constant], { error: 'must be {"column": …} or {"value": …}' });

export const CSV_FIELDS = [
  'type',
  'callId',
  'direction',
  'agentId',
  'queue',
  'campaign',
  'team',
  'waitMs',
  'talkMs',
  'holdMs',
  'wrapMs',
  'disposition',
  'resolved',
  'state',
  'reason',
  'orderId',
  'amount',
  'currency',
  'outcome',
  'listId',
  'entryId',
  'count',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export const DURATION_FIELDS: ReadonlySet<string> = new Set([
  'waitMs',
  'talkMs',
  'holdMs',
  'wrapMs',
]);
/** Whole numbers (a list load's `count`), typed so the schema checks their range. */
export const INTEGER_FIELDS: ReadonlySet<string> = new Set(['count']);

export const csvMappingSchema = z.object({
  delimiter: z.string().length(1, 'must be one character').default(','),
  /** Column names come from the first row (true) or are given here (false + `columns`). */
  header: z.boolean().default(true),
  columns: z.array(z.string()).optional(),
  occurredAt: z.object({
    column: z.string().min(1),
    /** `iso` (with an offset), `epoch_s`, `epoch_ms`, or a pattern of YYYY MM DD HH mm ss SSS. */
    format: z.string().min(1).default('iso'),
    /** IANA zone of local times written without an offset. */
    timeZone: z.string().default('UTC'),
  }),
  /** Columns whose values together identify a row: the event id is derived from them. */
  idColumns: z.array(z.string().min(1)).min(1, 'needs at least one column'),
  idPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/)
    .optional(),
  tenant: z.string().optional(),
  /**
   * A dialer's call log has one row per dial: with `dialed`, a row mapped to `call.failed` or
   * an outbound `call.connected` also gives the `call.dialed` it ends (same call, campaign,
   * list and entry), since only a dial makes an entry worked (docs/kpis.md).
   */
  dialed: z.boolean().default(false),
  fields: z
    .partialRecord(z.enum(CSV_FIELDS), fieldSpec)
    .refine((f) => f.type !== undefined, { message: 'type: is required', path: ['type'] }),
});

export type CsvMapping = z.output<typeof csvMappingSchema>;
export type FieldSpec = z.output<typeof fieldSpec>;

export type CsvMappingCheck =
  | { readonly ok: true; readonly mapping: CsvMapping }
  | { readonly ok: false; readonly reason: string };

/** Validates a parsed mapping file; the reason names each wrong field. */
export function parseCsvMapping(raw: unknown): CsvMappingCheck {
  const parsed = csvMappingSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error.issues, raw) };
  const { timeZone } = parsed.data.occurredAt;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return { ok: false, reason: `occurredAt.timeZone: unknown time zone "${timeZone}"` };
  }
  if (!parsed.data.header && !parsed.data.columns) {
    return { ok: false, reason: 'columns: is required when header is false' };
  }
  return { ok: true, mapping: parsed.data };
}
