import { CompressionTypes } from 'kafkajs';
import { codecs, registerCodecs, snappyDecode, snappyEncode } from './kafka-codecs';
import { UNDECODABLE_HEADER } from './undecodable-batch';

// kafkajs's own batch encoder and decoder: the bytes a broker hands the consumer, decoded by
// the very code the consumer runs.
// Through Jest's registry, so they share the kafkajs module whose codecs the test registers.
const kafkajs = (path: string): unknown => jest.requireActual(path);
type Encoded = { buffer: Buffer };
const { RecordBatch: encodeBatch } = kafkajs('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (batch: object) => Promise<Encoded>;
};
const encodeRecord = kafkajs('kafkajs/src/protocol/recordBatch/record/v0') as (
  r: object,
) => Encoded;
const decodeBatch = kafkajs('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  decoder: unknown,
) => Promise<{ records: DecodedRecord[] }>;
const Decoder = kafkajs('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;

interface DecodedRecord {
  offset: string;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

const AT = 1_767_225_600_000; // 2026-01-01T00:00:00Z: a fixed batch timestamp
const HEADER_BYTES = 61;

async function batchOf(compression: number, values: string[]): Promise<Buffer> {
  const encoded = await encodeBatch({
    compression,
    firstOffset: '100',
    firstTimestamp: AT,
    maxTimestamp: AT,
    lastOffsetDelta: values.length - 1,
    records: values.map((value, offsetDelta) =>
      encodeRecord({ offsetDelta, key: Buffer.from('t1'), value: Buffer.from(value) }),
    ),
  });
  return Buffer.from(encoded.buffer); // a buffer of its own, as a fetch response is
}

const decode = (batch: Buffer) => decodeBatch(new Decoder(batch));
const values = (records: DecodedRecord[]) => records.map((r) => r.value?.toString());

beforeAll(() => registerCodecs());

describe('kafka codecs', () => {
  const events = ['{"id":"a"}', '{"id":"b"}', `{"id":"c","pad":"${'x'.repeat(100_000)}"}`];

  it.each([
    ['gzip', CompressionTypes.GZIP],
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])('%s: a batch decodes to the records it was made of', async (_name, codec) => {
    const records = (await decode(await batchOf(codec, events))).records;
    expect(values(records)).toEqual(events);
    expect(records.map((r) => r.offset)).toEqual(['100', '101', '102']);
  });

  it('zstd: a streaming frame with no content size (as Java’s producer writes) decodes at any ratio', async () => {
    // Java's ZstdOutputStream leaves the size out; a decoder that guesses 20× the input for
    // it refused this frame (ratio ~8,000×: any above 20× failed) as "destination too small".
    const { Zstd } = await import('@hpcc-js/wasm-zstd');
    const encoder = await Zstd.load();
    const data = Buffer.from('{"type":"call.offered","queue":"support"}\n'.repeat(50_000));
    encoder.reset();
    const frame = Buffer.concat([encoder.compressChunk(data), encoder.compressEnd()]);
    expect(data.length / frame.length).toBeGreaterThan(20);
    expect((await codecs.zstd.decompress(frame)).equals(data)).toBe(true);
  });

  it('snappy: Java’s xerial framing, several 32 KiB blocks, and raw snappy both decode', async () => {
    const data = Buffer.from('call-centre '.repeat(10_000));
    const framed = await snappyEncode(data);
    expect(framed.subarray(0, 8).toString('latin1')).toBe('\x82SNAPPY\x00');
    expect(framed.readInt32BE(8)).toBe(1);
    expect((await snappyDecode(framed)).equals(data)).toBe(true);
    const raw = await codecs.snappy.compress({ buffer: data });
    expect((await snappyDecode(raw)).equals(data)).toBe(true);
    await expect(snappyDecode(framed.subarray(0, framed.length - 5))).rejects.toThrow(/truncated/);
  });
});

describe('a batch that cannot be decoded', () => {
  const events = ['{"id":"a"}', '{"id":"b"}', '{"id":"c"}'];

  async function corrupted(codec: number): Promise<Buffer> {
    const batch = await batchOf(codec, events);
    batch.fill(0x55, HEADER_BYTES + 4, batch.length); // the compressed bytes, garbled
    return batch;
  }

  it.each([
    ['gzip', CompressionTypes.GZIP],
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])('%s: becomes one stand-in per offset, with the reason', async (name, codec) => {
    const batch = await corrupted(codec);
    const records = (await decode(batch)).records;
    expect(records.map((r) => r.offset)).toEqual(['100', '101', '102']);
    for (const record of records) {
      expect(record.headers[UNDECODABLE_HEADER]?.toString()).toMatch(new RegExp(`^${name}: `));
    }
    // The first keeps the compressed bytes for whoever reads the dead letter.
    expect(records[0]!.value?.equals(batch.subarray(HEADER_BYTES))).toBe(true);
    expect(records[1]!.value).toBeNull();
    // …and the codec still decodes the next, sound batch.
    expect(values((await decode(await batchOf(codec, events))).records)).toEqual(events);
  });

  it('a codec id no Kafka defines is dead-lettered too', async () => {
    const batch = await batchOf(CompressionTypes.GZIP, events);
    batch.writeInt16BE(6, 21); // attributes: codec 6 (the CRC is not checked by kafkajs)
    const records = (await decode(batch)).records;
    expect(records).toHaveLength(3);
    expect(records[2]!.headers[UNDECODABLE_HEADER]?.toString()).toBe(
      'codec 6: unknown compression codec 6',
    );
  });

  it('records that do not match the header’s count are dead-lettered, keeping the last offset', async () => {
    const batch = await batchOf(CompressionTypes.LZ4, events);
    batch.writeInt32BE(2, 57); // says 2 records, holds 3
    const records = (await decode(batch)).records;
    expect(records.map((r) => r.offset)).toEqual(['100', '102']);
    expect(records[0]!.headers[UNDECODABLE_HEADER]?.toString()).toMatch(/do not match/);
  });

  it('bytes that are not inside a batch fail as before (nothing to stand in for)', async () => {
    const { CompressionCodecs } = kafkajs('kafkajs') as {
      CompressionCodecs: Record<number, () => { decompress(b: Buffer): Promise<Buffer> }>;
    };
    const lz4 = CompressionCodecs[CompressionTypes.LZ4]!();
    await expect(lz4.decompress(Buffer.alloc(32, 0x55))).rejects.toThrow();
  });
});
