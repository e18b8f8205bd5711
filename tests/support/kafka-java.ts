/**
 * Kafka's own Java tools from the jars scripts/kafka-local.js caches: a real outside client
 * (`kafka.tools.ConsoleProducer`, the producer every Java, Go and librdkafka user's setup
 * resembles) and `kafka.tools.DumpLogSegments`, which reads what the broker wrote to disk.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const local = createRequire(__filename)('../../scripts/kafka-local.js') as {
  fetch(options?: object): string;
};

function java(
  mainClass: string,
  args: string[],
  input = '',
): Promise<{ stdout: string; stderr: string }> {
  const classpath = join(local.fetch({ log: () => undefined }), '*');
  return new Promise((resolve, reject) => {
    const child = execFile(
      'java',
      ['-Xmx256m', '-cp', classpath, mainClass, ...args],
      { maxBuffer: 64 << 20, timeout: 120_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${mainClass}: ${error.message}\n${stderr}`))
          : resolve({ stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** Sends `key\tvalue` lines with Kafka's console producer, compressed with `codec`. */
export async function consoleProduce(options: {
  brokers: readonly string[];
  topic: string;
  codec: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  lines: readonly { key: string; value: string }[];
}): Promise<void> {
  await java(
    'kafka.tools.ConsoleProducer',
    [
      '--bootstrap-server',
      options.brokers.join(','),
      '--topic',
      options.topic,
      '--compression-codec',
      options.codec,
      '--request-required-acks',
      'all',
      '--property',
      'parse.key=true',
      '--property',
      'key.separator=\t',
    ],
    options.lines.map(({ key, value }) => `${key}\t${value}\n`).join(''),
  );
}

/** The codec of every record batch the broker keeps for `topic`, in its own words. */
export async function storedCodecs(dataDir: string, topic: string): Promise<string[]> {
  const logs = join(dataDir, 'logs');
  const files = readdirSync(logs)
    .filter((dir) => dir.startsWith(`${topic}-`) && /^\d+$/.test(dir.slice(topic.length + 1)))
    .flatMap((dir) =>
      readdirSync(join(logs, dir))
        .filter((file) => file.endsWith('.log'))
        .map((file) => join(logs, dir, file)),
    );
  if (files.length === 0) return [];
  const { stdout } = await java('kafka.tools.DumpLogSegments', ['--files', files.join(',')]);
  return [...stdout.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1]!.toLowerCase());
}
