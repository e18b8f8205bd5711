import type { BatchItem, CallEvent } from '@mieruka/contracts';

/**
 * The pipeline's pure parts: what goes into a Kafka message, how a message comes back as an
 * ingest item, and the names a batch carries. No kafkajs, no Nest: table-tested on their own.
 */

export interface EventMessage {
  /** The tenant: one tenant's events land on one partition, in the order they were sent. */
  readonly key: string;
  /** The validated canonical event as JSON, exactly what the consumer validates again. */
  readonly value: string;
}

export function eventMessage(event: CallEvent): EventMessage {
  return { key: event.tenant, value: JSON.stringify(event) };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A message's value as an ingest item. Whatever arrives is answered by the consumer, never
 * thrown: a value that is not UTF-8 text or not JSON becomes an `unparsable` item whose reason
 * the dead-letter store keeps.
 */
export function messageItem(value: Uint8Array | null): BatchItem {
  if (value === null) {
    return { kind: 'unparsable', text: '', reason: 'message: no value (a tombstone)' };
  }
  let text: string;
  try {
    text = decoder.decode(value);
  } catch {
    return {
      kind: 'unparsable',
      text: Buffer.from(value).toString('base64'),
      reason: 'message: not UTF-8 text (payload kept as base64)',
    };
  }
  try {
    return { kind: 'value', value: JSON.parse(text) as unknown, bytes: value.byteLength };
  } catch (error) {
    return {
      kind: 'unparsable',
      text,
      reason: `message: not valid JSON (${(error as Error).message})`,
    };
  }
}

/** A message dead-lettered whatever it holds, for `reason`; its bytes kept as text or base64. */
export function deadLetterItem(value: Uint8Array | null, reason: string): BatchItem {
  if (value === null) return { kind: 'unparsable', text: '', reason };
  try {
    return { kind: 'unparsable', text: decoder.decode(value), reason };
  } catch {
    const text = Buffer.from(value).toString('base64');
    return { kind: 'unparsable', text, reason: `${reason} (payload kept as base64)` };
  }
}

/**
 * ClickHouse's `insert_deduplication_token` for a run of one partition: a redelivery of the
 * same offsets (after a crash before the commit) names the same insert and is dropped by the
 * table. Offsets restart only with a new topic, so never reuse a topic name for new data
 * while the table remembers its tokens (`non_replicated_deduplication_window` inserts).
 */
export function batchToken(
  topic: string,
  partition: number,
  firstOffset: string,
  lastOffset: string,
): string {
  return `${topic}:${partition}:${firstOffset}-${lastOffset}`;
}

/** How a dead letter names a message: where to find it again in the topic. */
export function messageLabel(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}@${offset}`;
}

/** Exponential backoff from `minMs`, doubling per failed attempt, capped at `maxMs`. */
export function retryDelay(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
}
