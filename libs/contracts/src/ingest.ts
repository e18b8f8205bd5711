import { z } from 'zod';

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
