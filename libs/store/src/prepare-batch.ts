import { extname, join } from 'node:path';
import { encodeEventRows, type RowBuffer } from './event-row';
import { deadLetterItem, messageItem } from './message-item';
import { emptyScreened, screenItem, type Screened } from './screen';

/**
 * A batch of raw message values, everything the CPU work of ingesting them needs: decode each
 * (UTF-8, JSON), validate it, encode the valid ones as rows. Plain data, so that a worker
 * thread can do that work (prepare-worker.ts) and the main thread only checks ids, writes and
 * folds.
 */
export interface PrepareJob {
  /** The values end to end; value `i` is `bytes[ends[i - 1] ?? 0 … ends[i]]`, or null when `ends[i]` is -1. */
  readonly bytes: Uint8Array;
  readonly ends: Int32Array;
  /** Per value: dead-lettered for this reason whatever it holds (an undecodable batch's stand-ins). */
  readonly deadBecause: readonly (string | null)[];
  /** A dead letter names value `i` as `labelPrefix + labels[i]` (Kafka: `topic/partition@` + offset). */
  readonly labelPrefix: string;
  readonly labels: readonly string[];
  readonly transport: string;
  /** The receiving clock and the first arrival sequence (Ingestor.ingestPrepared). */
  readonly receivedAt: number;
  readonly firstSeq: number;
  /** The reporting currency of each tenant the main thread knows of. */
  readonly currencies: ReadonlyMap<string, string>;
}

export type PrepareAnswer =
  | ({ readonly kind: 'prepared'; readonly rows: RowBuffer } & Screened)
  /** Events in a currency of tenants the job had no currency for: ask again with them. */
  | { readonly kind: 'currencies'; readonly tenants: string[] };

/** Packs values end to end for a PrepareJob (one copy, in a buffer of its own that can be transferred). */
export function packValues(values: readonly (Uint8Array | null)[]): {
  bytes: Uint8Array;
  ends: Int32Array;
} {
  let total = 0;
  for (const value of values) total += value?.byteLength ?? 0;
  const bytes = new Uint8Array(total);
  const ends = new Int32Array(values.length);
  let at = 0;
  values.forEach((value, i) => {
    if (value === null) {
      ends[i] = -1;
      return;
    }
    bytes.set(value, at);
    at += value.byteLength;
    ends[i] = at;
  });
  return { bytes, ends };
}

/**
 * Decodes, screens and encodes a job's values: what Ingestor.ingest does before its write,
 * with the valid events' rows numbered `firstSeq`, `firstSeq + 1`, … in batch order. Pure:
 * the same job gives the same answer on any thread.
 */
export function prepareBatch(job: PrepareJob): PrepareAnswer {
  const missing = new Set<string>();
  const context = {
    receivedAt: job.receivedAt,
    currencyOf: (tenant: string): string => {
      const currency = job.currencies.get(tenant);
      if (currency === undefined) missing.add(tenant);
      return currency ?? '';
    },
  };
  const label = (i: number) => `${job.labelPrefix}${job.labels[i] ?? i}`;
  // A label names a message where Kafka keeps it: the same on every redelivery.
  const request = { transport: job.transport, itemLabel: label, itemOrigin: label };
  const screened = emptyScreened();
  let start = 0;
  for (let i = 0; i < job.ends.length; i++) {
    const end = job.ends[i] ?? -1;
    const value = end < 0 ? null : job.bytes.subarray(start, end);
    if (end >= 0) start = end;
    const dead = job.deadBecause[i];
    const item = dead == null ? messageItem(value) : deadLetterItem(value, dead);
    screenItem(item, i, request, context, screened);
  }
  if (missing.size > 0) return { kind: 'currencies', tenants: [...missing] };
  const rows = encodeEventRows(
    screened.valid.map((v) => v.event),
    { receivedAt: job.receivedAt, ingestSource: job.transport },
    job.firstSeq,
  );
  return { kind: 'prepared', ...screened, rows };
}

/** The prepare worker's script, beside this file (`.js` when built, `.ts` under Jest). */
export const PREPARE_WORKER_FILE = join(__dirname, `prepare-worker${extname(__filename)}`);
