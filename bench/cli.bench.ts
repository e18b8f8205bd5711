import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNdjson } from '@mieruka/simulator';
import { bigDay, median } from './kpi.bench';
import { progress, type Row } from './report';

const EVENTS = 100_000;

/**
 * `mieruka kpi` as a user runs it, on the first 100k events of the busy day, each engine three
 * times: wall time of the whole command (Node start, reading, validation, the engine, output).
 */
export function cliBench(): Row[] {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-bench-cli-'));
  try {
    progress('writing 100k events…');
    const events = bigDay().slice(0, EVENTS);
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, toNdjson(events));
    const at = events.at(-1)!.occurredAt;
    const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
    for (const engine of ['live', 'sql'] as const) {
      progress(`mieruka kpi --engine ${engine}…`);
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = process.hrtime.bigint();
        const result = spawnSync(
          process.execPath,
          [bin, 'kpi', '--events', file, '--at', at, '--engine', engine],
          { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        );
        if (result.status !== 0) throw new Error(`mieruka kpi failed: ${result.stderr}`);
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      rows.push([
        `mieruka kpi --engine ${engine}`,
        `${EVENTS.toLocaleString('en-US')} events, whole command, 3 runs`,
        `median ${(median(samples) / 1000).toFixed(2)} s`,
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
