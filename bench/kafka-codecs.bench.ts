import { createSimulation } from '@mieruka/simulator';
import { codecs } from '../apps/api/src/pipeline/kafka-codecs';
import { median } from './kpi.bench';
import { collectGarbage, progress, timeAsync, type Row } from './report';

/**
 * What each Kafka codec costs the consumer: one 4 MiB fetch of canonical events (the sink's
 * `maxBytesPerPartition`) compressed with it, then decompressed 15 times; the median, as
 * events per second of one core and MB/s of JSON. Compression ratio alongside.
 */
const DAY_START = Date.parse('2026-11-24T00:00:00+09:00');
const FETCH_BYTES = 4 * 1024 * 1024;
const ROUNDS = 15;

function fetchOfEvents(): { json: Buffer; events: number } {
  const simulation = createSimulation({
    seed: 5,
    tenant: 'default',
    timezone: 'Asia/Tokyo',
    currency: 'JPY',
    start: DAY_START,
    rate: 40,
  });
  const lines: string[] = [];
  let bytes = 0;
  for (const event of simulation.advance(DAY_START + 86_400_000 - 1)) {
    const line = JSON.stringify(event);
    if (bytes + line.length > FETCH_BYTES) break;
    lines.push(line);
    bytes += line.length + 1;
  }
  return { json: Buffer.from(lines.join('\n')), events: lines.length };
}

export async function kafkaCodecsBench(): Promise<Row[]> {
  const { json, events } = fetchOfEvents();
  progress(`kafka codecs: ${events} events, ${(json.length / 1e6).toFixed(1)} MB of JSON`);
  const rows: Row[] = [];
  for (const [name, codec] of Object.entries(codecs)) {
    const compressed = await codec.compress({ buffer: json });
    await codec.decompress(compressed); // the first: loads zstd's WebAssembly
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      collectGarbage();
      times.push((await timeAsync(() => codec.decompress(compressed)))[1]);
    }
    const ms = median(times);
    rows.push([
      `decompress ${name} (ratio ${(json.length / compressed.length).toFixed(1)}×)`,
      `${events.toLocaleString('en-US')} events in ${ms.toFixed(1)} ms`,
      `${Math.round(events / (ms / 1000)).toLocaleString('en-US')} events/s, ${(json.length / 1e6 / (ms / 1000)).toFixed(0)} MB/s`,
    ]);
  }
  return rows;
}
