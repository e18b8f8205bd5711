import { z } from 'zod';
import { tenantIdSchema } from './event';

/** What ingest answers for each event of a request, in the order they were sent. */
export const ingestResultSchema = z.discriminatedUnion('status', [
  z.object({ index: z.number().int(), id: z.string(), status: z.literal('accepted') }),
  z.object({ index: z.number().int(), id: z.string(), status: z.literal('duplicate') }),
  z.object({
    index: z.number().int(),
    id: z.string().optional(),
    status: z.literal('rejected'),
    reason: z.string(),
  }),
]);
export type IngestResult = z.output<typeof ingestResultSchema>;

export const ingestResponseSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(ingestResultSchema),
});
export type IngestResponse = z.output<typeof ingestResponseSchema>;

export const deadLetterSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  tenant: z.string(),
  source: z.string(),
  reason: z.string(),
  payload: z.string(),
});
export type DeadLetter = z.output<typeof deadLetterSchema>;

/**
 * Dead letters a source records itself (`POST /api/v1/dead-letters`): what an importer's
 * mapping refused before anything reached ingest, kept with the source's name and reason.
 */
export const newDeadLettersSchema = z.object({
  letters: z
    .array(
      z.object({
        source: z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'must be a source name such as csv'),
        reason: z.string().min(1).max(2000),
        payload: z.string().max(64 * 1024),
        tenant: tenantIdSchema.optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type NewDeadLetters = z.output<typeof newDeadLettersSchema>;

/** Counts of stored events, the first page's live counters. */
export const storeStatsSchema = z.object({
  at: z.string(),
  total: z.number().int(),
  today: z.number().int(),
  byType: z.record(z.string(), z.number().int()),
  deadLetters: z.number().int(),
  lastEventAt: z.string().nullable(),
});
export type StoreStats = z.output<typeof storeStatsSchema>;
