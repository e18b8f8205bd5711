import type { CallEvent } from '@mieruka/contracts';
import { chTime } from './time';

/** Where and when an event was received; stored beside it. */
export interface IngestMeta {
  readonly receivedAt: number;
  /** The transport it came through: `http`, `simulator`, `kafka`, `cli`, an adapter name… */
  readonly ingestSource: string;
}

export type EventRow = ReturnType<typeof eventToRow>;

/** One canonical event as a row of `events`: a column per field, absent fields empty/NULL. */
export function eventToRow(event: CallEvent, meta: IngestMeta, ingestSeq: number) {
  const e = event as Partial<Record<string, unknown>> & CallEvent;
  const str = (key: string) => (typeof e[key] === 'string' ? e[key] : '');
  const num = (key: string) => (typeof e[key] === 'number' ? e[key] : null);
  return {
    id: event.id,
    type: event.type,
    occurred_at: chTime(Date.parse(event.occurredAt.toUpperCase())),
    tenant: event.tenant,
    source: event.source,
    call_id: str('callId'),
    agent_id: str('agentId'),
    queue: str('queue'),
    campaign: str('campaign'),
    team: str('team'),
    direction: str('direction'),
    wait_ms: num('waitMs'),
    talk_ms: num('talkMs'),
    hold_ms: num('holdMs'),
    wrap_ms: num('wrapMs'),
    disposition: str('disposition'),
    resolved: typeof e.resolved === 'boolean' ? e.resolved : null,
    order_id: str('orderId'),
    // Decimal(18, 2) from a fixed-point string: no binary float reaches the column.
    amount: typeof e.amount === 'number' ? e.amount.toFixed(2) : null,
    currency: str('currency'),
    state: str('state'),
    reason: str('reason'),
    payload: JSON.stringify(event),
    received_at: chTime(meta.receivedAt),
    ingest_seq: ingestSeq,
    ingest_source: meta.ingestSource,
  };
}
