import { epochOf, type CallEvent } from '@mieruka/contracts';
import { chTime } from './time';

/** Where and when an event was received; stored beside it. */
export interface IngestMeta {
  readonly receivedAt: number;
  /** The transport it came through: `http`, `simulator`, `kafka`, `cli`, an adapter name… */
  readonly ingestSource: string;
}

/**
 * The columns of `events` that an insert fills, in the order of an encoded row. `ingest_seq`
 * comes last: a row is encoded (`encodeEventRows`) before its write, the sequence is appended
 * when the write happens.
 */
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
 * Each event as a row of `events` in ClickHouse's TabSeparated text, every column but the last
 * (`ingest_seq`), each followed by a tab: the writer appends the sequence and a newline. A
 * column per field, absent strings empty, absent numbers NULL, and the event itself as JSON
 * in `payload`. TabSeparated because chDB parses it in about two thirds of the time the same
 * rows take as JSONCompactEachRow (docs/benchmarks.md, ingest path); encoded per event so
 * that the Ingestor can do it before a batch waits for its write, not inside the write.
 */
export function encodeEventRows(events: readonly CallEvent[], meta: IngestMeta): string[] {
  const receivedAt = chTime(meta.receivedAt);
  return events.map((event) => encodeEventRow(event, receivedAt, meta.ingestSource));
}

function encodeEventRow(event: CallEvent, receivedAt: string, ingestSource: string): string {
  const e = event as Partial<Record<string, unknown>> & CallEvent;
  const str = (key: string) => (typeof e[key] === 'string' ? e[key] : '');
  const num = (key: string) => (typeof e[key] === 'number' ? e[key] : null);
  const cells = [
    event.id,
    event.type,
    chTime(epochOf(event.occurredAt)),
    event.tenant,
    event.source,
    str('callId'),
    str('agentId'),
    str('queue'),
    str('campaign'),
    str('team'),
    str('direction'),
    num('waitMs'),
    num('talkMs'),
    num('holdMs'),
    num('wrapMs'),
    str('disposition'),
    typeof e.resolved === 'boolean' ? e.resolved : null,
    str('orderId'),
    // Decimal(18, 2) from a fixed-point string: no binary float reaches the column.
    typeof e.amount === 'number' ? e.amount.toFixed(2) : null,
    str('currency'),
    str('state'),
    str('reason'),
    JSON.stringify(event),
    receivedAt,
    ingestSource,
  ];
  return `${cells.map(tabSeparatedCell).join('\t')}\t`;
}

/** What TabSeparated escapes inside a value: the backslash, the separators and \r. */
const TSV_SPECIAL = /[\\\t\n\r]/;
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function tabSeparatedCell(cell: string | number | boolean | null): string {
  if (cell === null) return '\\N';
  if (typeof cell !== 'string') return String(cell);
  // Most values have nothing to escape; testing first skips building a copy of each.
  return TSV_SPECIAL.test(cell) ? cell.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPES[c]!) : cell;
}
