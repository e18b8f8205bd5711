import { epochOf, type CallEvent } from '@mieruka/contracts';
import { TabSeparatedWriter } from './tab-separated';
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

/** Room for a typical row (about 450 bytes with its JSON); the writer grows past it. */
const EXPECTED_ROW_BYTES = 512;

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
  const rows = new TabSeparatedWriter(events.length * EXPECTED_ROW_BYTES);
  const ends = new Uint32Array(events.length);
  events.forEach((event, i) => {
    writeEventRow(rows, event, receivedAt, meta.ingestSource, firstSeq + i);
    ends[i] = rows.length;
  });
  return { data: rows.finish(), ends };
}

function writeEventRow(
  row: TabSeparatedWriter,
  event: CallEvent,
  receivedAt: string,
  ingestSource: string,
  seq: number,
): void {
  const e = event as Partial<Record<string, unknown>> & CallEvent;
  // Cells whose values the event schema limits to [A-Za-z0-9._:-] (id, tenant), the
  // enumerations (type, direction, state, currency) and the times are never escaped; free
  // text always is. In the order of EVENT_COLUMNS.
  row.plain(event.id);
  row.plain(event.type);
  row.plain(chTime(epochOf(event.occurredAt)));
  row.plain(event.tenant);
  row.text(event.source);
  row.text(e.callId);
  row.text(e.agentId);
  row.text(e.queue);
  row.text(e.campaign);
  row.text(e.team);
  row.plain(e.direction);
  row.number(e.waitMs);
  row.number(e.talkMs);
  row.number(e.holdMs);
  row.number(e.wrapMs);
  row.text(e.disposition);
  row.nullable(typeof e.resolved === 'boolean' ? String(e.resolved) : undefined);
  row.text(e.orderId);
  // Decimal(18, 2) from a fixed-point string: no binary float reaches the column.
  row.nullable(typeof e.amount === 'number' ? e.amount.toFixed(2) : undefined);
  row.plain(e.currency);
  row.plain(e.state);
  // v2: a failed dial's outcome goes in `reason` (it has no reason of its own), so the KPI
  // queries read it from a column rather than from every row's payload.
  row.text(event.type === 'call.failed' ? event.outcome : e.reason);
  row.text(JSON.stringify(event));
  row.plain(receivedAt);
  row.text(ingestSource);
  row.plain(String(seq));
  row.endRow();
}
