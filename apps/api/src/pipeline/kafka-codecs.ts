import { promisify } from 'node:util';
import { gzip, unzip } from 'node:zlib';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { decompress as zstdDecompress } from 'fzstd';
import { compressFrame, decompressFrame } from 'lz4-napi';
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappy';
import type { Zstd } from '@hpcc-js/wasm-zstd' with { 'resolution-mode': 'import' };
import { guarded, type KafkaCodec } from './undecodable-batch';

/**
 * Every codec Kafka has, registered with kafkajs (which ships gzip only): Java, Go and
 * librdkafka producers commonly use lz4, zstd or snappy, and a topic's `compression.type`
 * recompresses whatever is sent. Native builds come prebuilt from the npm registry (snappy,
 * lz4-napi); the native zstd packages download or compile at install, so zstd is decoded by
 * fzstd (plain JavaScript: 20× faster than the WebAssembly build's copy-out, and it reads the
 * streaming frames Java's producer writes, which carry no content size) and encoded by
 * WebAssembly (@hpcc-js/wasm-zstd), used only when this producer is set to zstd.
 */

/** Java's snappy (xerial's SnappyOutputStream): a header, then length-prefixed raw blocks. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER = Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
const XERIAL_BLOCK = 32 * 1024;

export async function snappyDecode(data: Buffer): Promise<Buffer> {
  if (data.length < XERIAL_HEADER.length || !data.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return (await snappyUncompress(data)) as Buffer; // raw snappy, as librdkafka may send
  }
  const blocks: Buffer[] = [];
  let at = XERIAL_HEADER.length;
  while (at < data.length) {
    const size = at + 4 <= data.length ? data.readInt32BE(at) : -1;
    if (size < 0 || at + 4 + size > data.length) throw new Error('snappy: truncated xerial block');
    blocks.push((await snappyUncompress(data.subarray(at + 4, at + 4 + size))) as Buffer);
    at += 4 + size;
  }
  return Buffer.concat(blocks);
}

/** Framed like Java's producer, which every consumer reads (raw snappy is not). */
export async function snappyEncode(data: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [XERIAL_HEADER];
  for (let at = 0; at < data.length; at += XERIAL_BLOCK) {
    const block = await snappyCompress(data.subarray(at, at + XERIAL_BLOCK));
    const size = Buffer.alloc(4);
    size.writeInt32BE(block.length);
    parts.push(size, block);
  }
  return Buffer.concat(parts);
}

let zstd: Promise<Zstd> | undefined;
/** Compiled on first use: a process that never produces zstd never loads it. */
function loadZstd(): Promise<Zstd> {
  zstd ??= import('@hpcc-js/wasm-zstd').then(({ Zstd }) => Zstd.load());
  return zstd;
}

const gzipAsync = promisify(gzip);
const unzipAsync = promisify(unzip);

export const codecs: Record<'gzip' | 'snappy' | 'lz4' | 'zstd', KafkaCodec> = {
  gzip: { compress: (e) => gzipAsync(e.buffer), decompress: (b) => unzipAsync(b) },
  snappy: { compress: (e) => snappyEncode(e.buffer), decompress: snappyDecode },
  // Kafka's lz4 is the standard frame format (record batches v2, since Kafka 0.11).
  lz4: { compress: (e) => compressFrame(e.buffer), decompress: (b) => decompressFrame(b) },
  zstd: {
    compress: async (e) => Buffer.from((await loadZstd()).compress(e.buffer)),
    decompress: (b) => {
      const out = zstdDecompress(b);
      return Promise.resolve(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
    },
  },
};

/** Attribute values no Kafka defines (the codec field is 3 bits): dead-lettered, not crashed on. */
const UNDEFINED_CODECS = [5, 6, 7];

const unknownCodec = (id: number): KafkaCodec => ({
  compress: () => Promise.reject(new Error(`compression codec ${id} does not exist`)),
  decompress: () => Promise.reject(new Error(`unknown compression codec ${id}`)),
});

/** Registers every codec with kafkajs, each guarded against batches it cannot decode. */
export function registerCodecs(): void {
  const registry = CompressionCodecs as Record<number, () => KafkaCodec>;
  const entries: [number, string, KafkaCodec][] = [
    [CompressionTypes.GZIP, 'gzip', codecs.gzip],
    [CompressionTypes.Snappy, 'snappy', codecs.snappy],
    [CompressionTypes.LZ4, 'lz4', codecs.lz4],
    [CompressionTypes.ZSTD, 'zstd', codecs.zstd],
    ...UNDEFINED_CODECS.map((id): [number, string, KafkaCodec] => [
      id,
      `codec ${id}`,
      unknownCodec(id),
    ]),
  ];
  for (const [id, name, codec] of entries) {
    const safe = guarded(name, codec);
    registry[id] = () => safe;
  }
}

/** The producer's setting (MIERUKA_KAFKA_COMPRESSION) as kafkajs's codec id. */
export const compressionType = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const;
