import { epochOf, type CallEvent } from '@mieruka/contracts';
import { chTime } from './time';

/** Where and when an event was received; stored beside it. */
export interface IngestMeta {
  readonly receivedAt: number;
  /** The transport it came through: `http`, `simulator`, `kafka`, `cli`, an adapter name… */
  readonly ingestSource: string;
}

/** The columns of `events` that an insert fills, in the order of an encoded row. */
export const EVENT_COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'tenant',
  'source',
  'call_id',
  'agent_id',
  'queue',
  'campaign',
  'team',
  'direction',
  'wait_ms',
  'talk_ms',
  'hold_ms',
  'wrap_ms',
  'disposition',
  'resolved',
  'order_id',
  'amount',
  'currency',
  'state',
  'reason',
  'payload',
  'received_at',
  'ingest_source',
  'ingest_seq',
] as const;

/**
 * A batch's rows in one buffer: row `i` is the bytes from `ends[i - 1]` (0 for the first) to
 * `ends[i]`.
 */
export interface RowBuffer {
  readonly data: Buffer;
  readonly ends: Uint32Array;
}

/**
 * Each event as a row of `events` in ClickHouse's TabSeparated format, ending in a newline:
 * a column per field, absent strings empty, absent numbers NULL, the event itself as JSON in
 * `payload`, and its arrival sequence (`firstSeq`, `firstSeq + 1`, … in the order given).
 * TabSeparated because chDB parses it in about two thirds of the time the same rows take as
 * JSONCompactEachRow (docs/benchmarks.md, ingest path); encoded before a batch waits for its
 * write, not inside the write. The rows go into one buffer at once: held as strings until the
 * write, a Kafka batch's thirteen thousand rows were copied by every young-generation
 * collection they lived through; and a batch without duplicates is inserted as it is.
 */
export function encodeEventRows(
  events: readonly CallEvent[],
  meta: IngestMeta,
  firstSeq: number,
): RowBuffer {
  const receivedAt = chTime(meta.receivedAt);
  const rows = events.map(
    (event, i) => `${encodeEventRow(event, receivedAt, meta.ingestSource)}${firstSeq + i}\n`,
  );
  let bytes = 0;
  for (const row of rows) bytes += Buffer.byteLength(row);
  const data = Buffer.allocUnsafe(bytes);
  const ends = new Uint32Array(rows.length);
  let at = 0;
  rows.forEach((row, i) => {
    at += data.write(row, at);
    ends[i] = at;
  });
  return { data, ends };
}

function encodeEventRow(event: CallEvent, receivedAt: string, ingestSource: string): string {
  const e = event as Partial<Record<string, unknown>> & CallEvent;
  // One template, not an array of cells joined: this runs for every stored event. Cells whose
  // values the event schema limits to [A-Za-z0-9._:-] (id, tenant), the enumerations (type,
  // direction, state, currency) and the times are never escaped; free text always is.
  return (
    `${event.id}\t${event.type}\t${chTime(epochOf(event.occurredAt))}\t${event.tenant}\t` +
    `${text(event.source)}\t${text(e.callId)}\t${text(e.agentId)}\t${text(e.queue)}\t` +
    `${text(e.campaign)}\t${text(e.team)}\t${plain(e.direction)}\t` +
    `${num(e.waitMs)}\t${num(e.talkMs)}\t${num(e.holdMs)}\t${num(e.wrapMs)}\t` +
    `${text(e.disposition)}\t${typeof e.resolved === 'boolean' ? e.resolved : '\\N'}\t` +
    `${text(e.orderId)}\t` +
    // Decimal(18, 2) from a fixed-point string: no binary float reaches the column.
    `${typeof e.amount === 'number' ? e.amount.toFixed(2) : '\\N'}\t` +
    `${plain(e.currency)}\t${plain(e.state)}\t${text(e.reason)}\t` +
    `${text(JSON.stringify(event))}\t${receivedAt}\t${text(ingestSource)}\t`
  );
}

/** What TabSeparated escapes inside a value: the backslash, the separators and \r. */
const TSV_SPECIAL = /[\\\t\n\r]/;
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A free-text field as a cell: empty when absent, escaped where it must be. */
function text(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Most values have nothing to escape; testing first skips building a copy of each.
  return TSV_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPES[c]!) : value;
}

/** A field the schema limits to a few plain words: empty when absent. */
function plain(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A duration: NULL when absent. */
function num(value: unknown): string | number {
  return typeof value === 'number' ? value : '\\N';
}
