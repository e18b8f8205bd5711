import type { BatchItem } from './event-batch';
import type { CallEvent } from './event';
import { validateEvent, type ValidationContext } from './validate-event';

export interface Intake {
  /** Valid events, first occurrence of each id, in arrival order. */
  readonly events: CallEvent[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * Takes a batch in memory the way ingest takes it into the store: invalid items rejected,
 * repeated ids counted once (the first one seen wins). Used where no store is involved,
 * e.g. `mieruka kpi`, which audits a file of events.
 */
export function intakeEvents(items: readonly BatchItem[], context: ValidationContext): Intake {
  const seen = new Set<string>();
  const events: CallEvent[] = [];
  let duplicates = 0;
  let rejected = 0;
  for (const item of items) {
    const result =
      item.kind === 'value' ? validateEvent(item.value, context, item.bytes) : undefined;
    if (!result?.ok) {
      rejected++;
      continue;
    }
    if (seen.has(result.event.id)) {
      duplicates++;
      continue;
    }
    seen.add(result.event.id);
    events.push(result.event);
  }
  return { events, accepted: events.length, duplicates, rejected };
}
