import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { processClock } from '../tests/support/clock';
import { freePort, healthy, startApiProcess, type ApiProcess } from '../tests/support/processes';
import { progress, type Row } from './report';

/**
 * One tenant's key against everyone's API: six heavy ingest requests at once (the attack of
 * issue 19, row 1), while a load balancer asks `/api/v1/ready` every 20 ms. Measures how long
 * /ready takes meanwhile, when each heavy request is answered, and the API's peak memory.
 */
const KEY = 'bench-intake-key-0123456789';
const AT = '2026-11-24T10:07:00+09:00';
const AT_ONCE = 6;
/** 2,796,000 lines of `{}`: 8.4 MB, under the 8 MiB body limit, as the attack sent. */
const EMPTY_LINES = 2_796_000;
const PROBE_EVERY_MS = 20;

interface Attack {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
}

function attacks(): Attack[] {
  const event = (i: number) =>
    JSON.stringify({
      id: `heavy-${i}`,
      tenant: 'acme',
      type: 'call.wrapped',
      occurredAt: '2026-11-24T01:00:00.000Z',
      source: 'bench',
      callId: `heavy-call-${i}`,
      direction: 'inbound',
      queue: 'support',
      agentId: 'a1',
      talkMs: 1000,
      holdMs: 0,
      wrapMs: 0,
      disposition: 'resolved',
      // Padding to about 800 bytes an event: 10,000 of them fill the body limit.
      note: 'x'.repeat(560),
    });
  return [
    {
      name: `${EMPTY_LINES.toLocaleString('en-US')} lines of {} (NDJSON)`,
      contentType: 'application/x-ndjson',
      body: '{}\n'.repeat(EMPTY_LINES),
    },
    {
      name: `a JSON array of ${EMPTY_LINES.toLocaleString('en-US')} {}`,
      contentType: 'application/json',
      body: `[${Array.from({ length: EMPTY_LINES }, () => '{}').join(',')}]`,
    },
    {
      // Valid: the first to get a turn stores them, the others answer them as duplicates.
      name: 'the same 10,000 events of 800 bytes (NDJSON)',
      contentType: 'application/x-ndjson',
      body: Array.from({ length: 10_000 }, (_, i) => event(i)).join('\n'),
    },
  ];
}

interface Probes {
  readonly times: number[];
  readonly failed: number;
}

/** How /ready answered: p50, p99 and the slowest, and how many probes failed. */
const summary = ({ times, failed }: Probes): string =>
  `p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms over ${times.length} probes${failed > 0 ? `, ${failed} failed` : ''}`;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const peakRssMiB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** The API process itself (`node scripts/start.js` runs it in-process). */
async function startApi(): Promise<{ api: ApiProcess; base: string; dataDir: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-intake-'));
  const api = startApiProcess({
    ...processClock(AT).env,
    MIERUKA_PORT: String(port),
    MIERUKA_HOST: '127.0.0.1',
    MIERUKA_DATA_DIR: dataDir,
    MIERUKA_SIMULATOR: 'off',
    MIERUKA_LOG_LEVEL: 'warn',
    MIERUKA_INGEST_KEYS: `acme:${KEY}`,
  });
  const base = `http://127.0.0.1:${port}`;
  await healthy(base, api, 180_000);
  return { api, base, dataDir };
}

/**
 * /ready's answer times while `load` runs, asked from a thread of its own (the heavy
 * requests are sent from this one): probing starts first, and ends when the load has.
 */
async function probeReady(base: string, load: () => Promise<unknown>): Promise<Probes> {
  const worker = new Worker(join(__dirname, 'ready-probe.worker.js'), {
    workerData: { url: `${base}/api/v1/ready`, everyMs: PROBE_EVERY_MS },
  });
  const probes = new Promise<Probes>((resolve) => worker.once('message', resolve));
  await new Promise((r) => setTimeout(r, 500));
  await load().catch(() => undefined);
  worker.postMessage('stop');
  const answered = await probes;
  await worker.terminate();
  return answered;
}

export async function intakeBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const attack of attacks()) {
    progress(`starting the API for: ${attack.name}…`);
    const { api, base, dataDir } = await startApi();
    try {
      const idle = await probeReady(base, () => new Promise((r) => setTimeout(r, 2_000)));
      progress(`${AT_ONCE} at once: ${attack.name}…`);
      let answered: { status: number; ms: number }[] = [];
      const ready = await probeReady(base, async () => {
        const started = performance.now();
        answered = await Promise.all(
          Array.from({ length: AT_ONCE }, () =>
            fetch(`${base}/api/v1/events`, {
              method: 'POST',
              headers: { authorization: `Bearer ${KEY}`, 'content-type': attack.contentType },
              body: attack.body,
            }).then(async (r) => {
              await r.arrayBuffer();
              return { status: r.status, ms: performance.now() - started };
            }),
          ),
        );
      });
      const statuses = [...new Set(answered.map((a) => a.status))].join(', ');
      const last = Math.max(...answered.map((a) => a.ms));
      rows.push([
        `${AT_ONCE} × ${attack.name}`,
        `answered ${statuses}, the last after ${(last / 1000).toFixed(2)} s; peak RSS ${peakRssMiB(api.child.pid!).toFixed(0)} MiB`,
        `/ready ${summary(ready)} (idle: ${summary(idle)})`,
      ]);
    } finally {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
