import type { CallEvent } from '@mieruka/contracts';

/** Events as NDJSON (one JSON object a line, newline-terminated), the ingest's file format. */
export function toNdjson(events: readonly CallEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}
