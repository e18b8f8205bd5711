import type { CallEvent, IngestResponse, IngestResult } from '@mieruka/contracts';
import type { ScreenedBatch } from '@mieruka/store';

/**
 * The answer to a sender when its events go through Kafka, where the store is written later:
 * `accepted` means durably queued (every in-sync replica has it); `duplicate` means the id
 * came earlier in the same request (the first one wins, as in the store). An id that is
 * already stored, or in flight from an earlier request, answers `accepted` here and is
 * absorbed downstream by the consumer's id check: stored once, counted once. Asking the store
 * instead would tie ingest to ClickHouse being up, which the queue is there to avoid.
 */
export function queuedAnswer(screened: ScreenedBatch): {
  events: CallEvent[];
  response: IngestResponse;
} {
  const results: IngestResult[] = [...screened.rejected];
  const events: CallEvent[] = [];
  const seen = new Set<string>();
  for (const { index, event } of screened.valid) {
    if (seen.has(event.id)) {
      results.push({ index, id: event.id, status: 'duplicate' });
      continue;
    }
    seen.add(event.id);
    events.push(event);
    results.push({ index, id: event.id, status: 'accepted' });
  }
  results.sort((a, b) => a.index - b.index);
  return {
    events,
    response: {
      accepted: events.length,
      duplicates: screened.valid.length - events.length,
      rejected: screened.rejected.length,
      results,
    },
  };
}
