import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { LIVE_NAMESPACE, type LiveSnapshot, type SessionAnswer } from '@mieruka/contracts';
import { processClock } from '../tests/support/clock';
import { freePort } from '../tests/support/processes';
import type { ClientsResult, ClientsSetup } from './fanout-clients.worker';
import { progress, sharedNow, type Row } from './report';

/**
 * Live fan-out under load (issue 4): 2,000 Socket.IO clients in 20 rooms (one queue each)
 * on one API process while 1,000 events/s are ingested over HTTP. Latency is ingest → the
 * update that shows the batch arriving at a client: each batch adds exactly two offered
 * calls to every queue, so a client knows which batch its room's `offered` count reflects.
 * The API runs as its own process (`scripts/start.js`, embedded chDB); the clients run in
 * CLIENT_THREADS worker threads of this process (fanout-clients.worker.ts), the load generator
 * in its main thread — all on the same two cores as the API.
 */
const CLIENTS = 2_000;
const CLIENT_THREADS = 4;
const ROOMS = 20;
const BATCHES_PER_SECOND = 10;
const EVENTS_PER_BATCH = 100; // 20 queues × (2 offered + 2 connected + 1 wrapped)
const LOAD_SECONDS = 60;
const KEY = 'bench-ingest-key-0123456789';
const ADMIN = { username: 'bench', password: 'bench-password-0123' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory (bytes) and CPU time (ms) of a process, from /proc. */
function processUsage(pid: number): { rss: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime, stime in ticks.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss: rssKb * 1024, cpuMs: ticks * 10 };
}

/** The events of batch `b`: per queue, two new calls offered, two answered, one wrapped. */
function batch(b: number, now: number): string {
  const lines: string[] = [];
  const at = new Date(now).toISOString();
  for (let q = 0; q < ROOMS; q++) {
    const queue = `q${q}`;
    const call = (n: number, k: number) => `b${n}-${queue}-${k}`;
    for (let k = 0; k < 2; k++) {
      lines.push(
        JSON.stringify({
          id: `${call(b, k)}-offered`,
          type: 'call.offered',
          occurredAt: at,
          source: 'bench',
          callId: call(b, k),
          direction: 'inbound',
          queue,
        }),
      );
      if (b >= 10)
        lines.push(
          JSON.stringify({
            id: `${call(b - 10, k)}-connected`,
            type: 'call.connected',
            occurredAt: at,
            source: 'bench',
            callId: call(b - 10, k),
            direction: 'inbound',
            queue,
            agentId: `agent-${q}-${(b + k) % 25}`,
            waitMs: 1_000,
          }),
        );
    }
    if (b >= 50)
      lines.push(
        JSON.stringify({
          id: `${call(b - 50, 0)}-wrapped`,
          type: 'call.wrapped',
          occurredAt: at,
          source: 'bench',
          callId: call(b - 50, 0),
          direction: 'inbound',
          queue,
          agentId: `agent-${q}-${(b - 40) % 25}`,
          talkMs: 4_000,
          holdMs: 0,
          wrapMs: 0,
          disposition: 'resolved',
        }),
      );
  }
  return lines.join('\n');
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** One sample of the API's own metrics: a gauge's value, or a histogram's cumulative buckets. */
async function scrape(base: string): Promise<string> {
  return (await fetch(`${base}/metrics`)).text();
}

const gauge = (text: string, name: string): number =>
  Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);

/** Of a histogram's observations between two scrapes: how many, and how many above `le`. */
function above(before: string, after: string, name: string, le: string): [number, number] {
  const count = (text: string, bound: string) =>
    [...text.matchAll(new RegExp(`^${name}_bucket\\{.*le="${bound}".*\\} (\\d+)$`, 'gm'))].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  const total = count(after, '\\+Inf') - count(before, '\\+Inf');
  return [total, total - (count(after, le) - count(before, le))];
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * The API's clock: a Tuesday morning in Tokyo. The batches are stamped with what it reads, so
 * every one lands in today's windows — at the machine's midnight "today" would start over.
 */
const CLOCK = processClock('2026-11-24T10:00:00+09:00');

export async function fanoutBench(): Promise<Row[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-fanout-'));
  // BENCH_API_NODE_ARGS: Node options for the API alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  const api = spawn(
    process.execPath,
    [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), 'scripts/start.js'],
    {
      env: {
        ...process.env,
        ...CLOCK.env,
        MIERUKA_PORT: String(port),
        MIERUKA_HOST: '127.0.0.1',
        MIERUKA_DATA_DIR: dataDir,
        MIERUKA_SIMULATOR: 'off',
        MIERUKA_LOG_LEVEL: 'warn',
        // Every client here signs in with the one session: the cap is for real screens.
        MIERUKA_SOCKETS_PER_CREDENTIAL: String(CLIENTS),
        MIERUKA_INGEST_KEYS: KEY,
        MIERUKA_ADMIN_USER: ADMIN.username,
        MIERUKA_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const workers: Worker[] = [];
  try {
    progress('starting the API…');
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error('the API did not start within 120 s');
      const up = await fetch(`${base}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await sleep(500);
    }
    const pid = api.pid!;
    const session = (await (
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()) as SessionAnswer;
    await sleep(2_000);
    const idle = processUsage(pid);

    progress(`connecting ${CLIENTS} clients to ${ROOMS} rooms in ${CLIENT_THREADS} threads…`);
    const batches = LOAD_SECONDS * BATCHES_PER_SECOND;
    const perThread = CLIENTS / CLIENT_THREADS;
    await Promise.all(
      Array.from({ length: CLIENT_THREADS }, (_, t) => {
        const setup: ClientsSetup = {
          url: `${base}${LIVE_NAMESPACE}`,
          token: session.accessToken,
          first: t * perThread,
          count: perThread,
          rooms: ROOMS,
          batches,
        };
        const worker = new Worker(join(__dirname, 'fanout-clients.worker.js'), {
          workerData: setup,
        });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
      }),
    );
    const postedAt: number[] = [];
    await sleep(3_000);
    const connected = processUsage(pid);

    progress(`ingesting ${BATCHES_PER_SECOND * EVENTS_PER_BATCH} events/s for ${LOAD_SECONDS} s…`);
    const metricsBefore = await scrape(base); // also starts the API's event-loop delay afresh
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const benchCpu = process.cpuUsage();
    const loadStart = sharedNow();
    let ingestFailures = 0;
    const ingestMs: number[] = [];
    const inflight: Promise<void>[] = [];
    for (let b = 0; b < batches; b++) {
      const due = loadStart + (b * 1000) / BATCHES_PER_SECOND;
      await sleep(Math.max(0, due - sharedNow()));
      const body = batch(b, CLOCK.now());
      const posted = sharedNow();
      postedAt.push(posted);
      inflight.push(
        fetch(`${base}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}` },
          body,
        }).then(
          async (r) => {
            if (!r.ok) ingestFailures++;
            await r.arrayBuffer();
            ingestMs.push(sharedNow() - posted);
          },
          () => {
            ingestFailures++;
          },
        ),
      );
    }
    await Promise.all(inflight);
    await sleep(2_000); // the last updates
    const loadMs = sharedNow() - loadStart;
    const loaded = processUsage(pid);
    const metricsAfter = await scrape(base);
    const apiLoopP99 = gauge(metricsAfter, 'mieruka_nodejs_eventloop_lag_p99_seconds') * 1000;
    const apiLoopMax = gauge(metricsAfter, 'mieruka_nodejs_eventloop_lag_max_seconds') * 1000;
    const writes = (le: string) =>
      above(metricsBefore, metricsAfter, 'mieruka_store_insert_seconds', le);
    loop.disable();
    const clientCpu = process.cpuUsage(benchCpu);

    const results = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<ClientsResult>((resolve) => {
            worker.once('message', (message: { result: ClientsResult }) => resolve(message.result));
            worker.postMessage({ kind: 'finish' });
          }),
      ),
    );
    const latencies: number[] = [];
    let caughtUp = 0;
    for (const { seen } of results) {
      for (let c = 0; c < perThread; c++) {
        let all = true;
        for (let b = 0; b < batches; b++) {
          const at = seen[c * batches + b]!;
          if (Number.isNaN(at)) all = false;
          else latencies.push(at - postedAt[b]!);
        }
        if (all) caughtUp++;
      }
    }
    const gaps = results.reduce((sum, r) => sum + r.gaps, 0);
    const clientLoopP99 = Math.max(...results.map((r) => r.loopDelayP99));

    // The witnesses' patched snapshots equal what the API answers now (counts, not clock ratios).
    let witnessesEqual = 0;
    for (const { room, counts } of results.flatMap((r) => r.witnesses)) {
      const now = (await (
        await fetch(`${base}/api/v1/live?scope=queue:q${room}`, {
          headers: { authorization: `Bearer ${session.accessToken}` },
        })
      ).json()) as LiveSnapshot;
      const { offered, answered, wrapped, abandoned } = now.windows.today;
      if (JSON.stringify([offered, answered, wrapped, abandoned]) === JSON.stringify(counts))
        witnessesEqual++;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const ingestSorted = [...ingestMs].sort((a, b) => a - b);
    const expected = CLIENTS * batches;
    const apiCores = (loaded.cpuMs - connected.cpuMs) / loadMs;
    const clientCores = (clientCpu.user + clientCpu.system) / 1000 / loadMs;
    return [
      [
        'ingest → update at the client, p50 / p99 / max',
        `${sorted.length.toLocaleString('en-US')} samples (${CLIENTS} clients × ${batches} batches)`,
        `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))} / ${ms(sorted.at(-1) ?? NaN)}`,
      ],
      [
        'of which: the ingest request (store, then answer), p50 / p99',
        `${ingestSorted.length} requests of ${EVENTS_PER_BATCH} events`,
        `${ms(percentile(ingestSorted, 50))} / ${ms(percentile(ingestSorted, 99))}`,
      ],
      [
        'batches seen by every client',
        `${caughtUp} of ${CLIENTS} clients saw all ${batches} batches; ${latencies.length} of ${expected} samples`,
        `${gaps} seq gaps, ${ingestFailures} failed ingest requests, ${witnessesEqual}/${ROOMS} witnesses equal to the API`,
      ],
      [
        'API memory per connection',
        `RSS ${mib(idle.rss)} idle → ${mib(connected.rss)} with ${CLIENTS} joined → ${mib(loaded.rss)} after load`,
        `${((connected.rss - idle.rss) / CLIENTS / 1024).toFixed(0)} KiB/connection`,
      ],
      [
        'CPU during load (cores of 2)',
        `API ${apiCores.toFixed(2)}, clients + load generator ${clientCores.toFixed(2)}`,
        `event-loop delay p99: load generator ${ms(loop.percentile(99) / 1e6)}, client threads ${ms(clientLoopP99)}`,
      ],
      [
        "where the API's time went (its own metrics)",
        `event-loop delay p99 ${ms(apiLoopP99)}, max ${ms(apiLoopMax)}`,
        `store writes: ${writes('0.1')[1]} of ${writes('0.1')[0]} over 100 ms, ${writes('0.25')[1]} over 250 ms`,
      ],
    ];
  } finally {
    for (const worker of workers) worker.postMessage({ kind: 'close' });
    await Promise.all(workers.map((worker) => new Promise((r) => worker.once('exit', r))));
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
