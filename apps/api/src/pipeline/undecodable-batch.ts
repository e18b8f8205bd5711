import { createRequire } from 'node:module';

/**
 * A compressed record batch that cannot be decoded (a codec we lack, corrupt data) must not
 * stop the consumer: kafkajs decodes every partition of a fetch together, so one such batch
 * would crash the consumer on every fetch, for good. The guard below wraps each codec's
 * decompress: when it fails, it returns stand-in records instead — one per offset of the
 * batch, each carrying the reason in the `mieruka-undecodable` header (the first also the
 * compressed bytes) — which the sink dead-letters like any other bad message.
 *
 * kafkajs hands decompress only the compressed bytes, but as a view into the fetch response:
 * the batch header (its record count, last offset delta) sits just before them. It is read
 * from there and checked; if it is not where it should be, the error is thrown as before.
 */

export const UNDECODABLE_HEADER = 'mieruka-undecodable';

/** kafkajs's codec interface (CompressionCodecs). */
export interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/** What the batch header says about the records behind it. */
export interface BatchHeader {
  readonly records: number;
  readonly lastOffsetDelta: number;
}

/** A record batch (magic 2) before its records: offsets 0–60, records from 61. */
const HEADER_BYTES = 61;
const BATCH_OVERHEAD = 49; // what the length field counts besides the records
const MAGIC_V2 = 2;

/** The header of the batch whose compressed records `compressed` is a view of, if it is one. */
export function batchHeaderBefore(compressed: Buffer): BatchHeader | undefined {
  const start = compressed.byteOffset - HEADER_BYTES;
  if (start < 0) return undefined;
  const header = Buffer.from(compressed.buffer, start, HEADER_BYTES);
  const length = header.readInt32BE(8);
  if (header.readInt8(16) !== MAGIC_V2 || length - BATCH_OVERHEAD !== compressed.byteLength) {
    return undefined;
  }
  const records = header.readInt32BE(57);
  const lastOffsetDelta = header.readInt32BE(23);
  if (records <= 0 || lastOffsetDelta < records - 1) return undefined;
  return { records, lastOffsetDelta };
}

/** Reads a zig-zag varint at `at`; undefined past the end. */
function varInt(buffer: Buffer, at: number): { value: number; next: number } | undefined {
  let raw = 0;
  let shift = 0;
  for (let i = at; i < buffer.length && shift <= 28; i++) {
    const byte = buffer[i]!;
    raw |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: (raw >>> 1) ^ -(raw & 1), next: i + 1 };
    shift += 7;
  }
  return undefined;
}

/** Whether `records` is exactly `count` length-prefixed records, as a sound batch is. */
export function holdsRecords(records: Buffer, count: number): boolean {
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = varInt(records, at);
    if (!length || length.value < 0) return false;
    at = length.next + length.value;
    if (at > records.length) return false;
  }
  return at === records.length;
}

interface RecordEncoder {
  buffer: Buffer;
}
type EncodeRecord = (record: {
  offsetDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}) => RecordEncoder;

// kafkajs's own record encoder, so the stand-ins decode exactly as real records do.
const encodeRecord = createRequire(__filename)(
  'kafkajs/src/protocol/recordBatch/record/v0',
) as EncodeRecord;

/** One record per offset of the batch, the reason on each, the raw bytes on the first. */
export function standInRecords(header: BatchHeader, reason: string, compressed: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < header.records; i++) {
    const last = i === header.records - 1;
    parts.push(
      encodeRecord({
        // The last stand-in takes the batch's last offset, so the next fetch starts past it.
        offsetDelta: last ? header.lastOffsetDelta : i,
        key: null,
        value: i === 0 ? Buffer.from(compressed) : null,
        headers: { [UNDECODABLE_HEADER]: reason },
      }).buffer,
    );
  }
  return Buffer.concat(parts);
}

/** `codec` with a decompress that never fails for a batch it can place (see above). */
export function guarded(name: string, codec: KafkaCodec): KafkaCodec {
  return {
    compress: (encoder) => codec.compress(encoder),
    async decompress(compressed) {
      const header = batchHeaderBefore(compressed);
      let reason: string;
      try {
        const records = await codec.decompress(compressed);
        if (!header || holdsRecords(records, header.records)) return records;
        reason = `${name}: the decompressed records do not match the batch's ${header.records}`;
      } catch (error) {
        if (!header) throw error;
        reason = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      }
      return standInRecords(header, reason, compressed);
    },
  };
}
