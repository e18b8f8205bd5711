import type { BatchItem } from '@mieruka/contracts';

/**
 * How a message's bytes (a Kafka message's value) become an ingest item. Here rather than in
 * the pipeline because the prepare worker (prepare-worker.ts) decodes them off the main thread
 * with the store's other pure steps.
 */

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
