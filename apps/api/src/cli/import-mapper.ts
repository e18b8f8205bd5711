import {
  CsvReader,
  initialQueueLogState,
  initialTaskRouterState,
  mapCsvRecord,
  readEventResources,
  stepEventResources,
  stepQueueLog,
  type AsteriskOptions,
  type CsvMapping,
  type Mapped,
  type QueueLogState,
  type TwilioOptions,
} from '@mieruka/adapters';

/** What an import resumes from besides the byte offset: the mapper's own memory. */
export type MapperMemory =
  | { readonly format: 'queue_log'; readonly state: QueueLogState }
  | { readonly format: 'csv'; readonly columns: readonly string[] | undefined }
  | { readonly format: 'twilio-events' };

export interface LineMapper {
  /**
   * Maps one line of the file. `boundary` is true when nothing of a record is pending after
   * it, so the import may record its position there (a quoted CSV cell can span lines).
   */
  map(line: string): Mapped & { readonly boundary: boolean };
  /** What a mapper that reads the whole file first makes of it, once the last line is read. */
  finish?(): Mapped;
  memory(): MapperMemory;
}

/** queue_log: one line, one step of the stateful mapper. */
export function queueLogMapper(options: AsteriskOptions, state?: QueueLogState): LineMapper {
  let current = state ?? initialQueueLogState;
  return {
    map(line) {
      const step = stepQueueLog(current, line, options);
      current = step.state;
      return { events: step.events, rejects: step.rejects, boundary: true };
    },
    memory: () => ({ format: 'queue_log', state: current }),
  };
}

/** CSV through a mapping file; the header row (or the mapping's `columns`) names the cells. */
export function csvMapper(mapping: CsvMapping, columns?: readonly string[]): LineMapper {
  const reader = new CsvReader(mapping.delimiter);
  let names = columns ?? (mapping.header ? undefined : mapping.columns);
  return {
    map(line) {
      const records = reader.push(`${line}\n`);
      const out: Mapped[] = [];
      for (const record of records) {
        if (!names) {
          names = record.map((c) => c.trim());
          continue;
        }
        out.push(mapCsvRecord(mapping, names, record));
      }
      return {
        events: out.flatMap((m) => m.events),
        rejects: out.flatMap((m) => m.rejects),
        // A line ends a record exactly when the reader handed one out.
        boundary: records.length > 0,
      };
    },
    memory: () => ({ format: 'csv', columns: names }),
  };
}

/**
 * TaskRouter Event resources of the REST Events API (pages as it answers, or NDJSON): read
 * whole, since a page lists the newest first and the mapping needs the oldest first. No
 * position inside the file: a rerun reads it all again, and the callbacks' ids make ingest
 * count nothing twice.
 */
export function twilioEventsMapper(options: TwilioOptions): LineMapper {
  const lines: string[] = [];
  return {
    map(line) {
      lines.push(line);
      return { events: [], rejects: [], boundary: false };
    },
    finish() {
      const read = readEventResources(lines.join('\n'));
      const step = stepEventResources(initialTaskRouterState, read.resources, options);
      return { events: step.events, rejects: [...read.rejects, ...step.rejects] };
    },
    memory: () => ({ format: 'twilio-events' }),
  };
}
