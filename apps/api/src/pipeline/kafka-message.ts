import type { CallEvent } from '@mieruka/contracts';

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

// Decoding a value into an ingest item is the store's (the prepare worker runs it too).
export { deadLetterItem, messageItem } from '@mieruka/store';

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
  return `${messageLabelPrefix(topic, partition)}${offset}`;
}

/** A partition's part of `messageLabel`, which a prepare job completes with each offset. */
export function messageLabelPrefix(topic: string, partition: number): string {
  return `${topic}/${partition}@`;
}

/** Exponential backoff from `minMs`, doubling per failed attempt, capped at `maxMs`. */
export function retryDelay(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
}
