import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tenantSettingsSchema, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { DEFAULT_PROFILE, createSimulation } from '@mieruka/simulator';
import { EventStore, createStoreClient, migrate } from '@mieruka/store';
import { orderBookRows } from './order-book.bench';
import { collectGarbage, perSecond, progress, time, timeAsync, type Row } from './report';

export const DAY_MS = 86_400_000;
const FOLD_RUNS = 5;
const ORDER_LIFECYCLE: ReadonlySet<string> = new Set([
  'order.paid',
  'order.held',
  'order.shipped',
  'order.returned',
]);
const DAY_START = Date.parse('2026-11-24T00:00:00+09:00');
/** The default Tokyo tenant with two KGIs (their periods make the snapshot read months). */
export const BENCH_SETTINGS = tenantSettingsSchema.parse({
  kgis: [
    { id: 'revenue', metric: 'revenue', target: 900_000_000, period: 'month' },
    { id: 'appointments', metric: 'disposition:appointment', target: 20_000, period: 'quarter' },
  ],
});

/** A busy Tuesday: the default floor ×10 (about 500 agents) and ×170 the calls (the queue overflows: many abandons). */
export function bigDay(): CallEvent[] {
  const simulation = createSimulation({
    seed: 11,
    tenant: 'default',
    timezone: 'Asia/Tokyo',
    currency: 'JPY',
    start: DAY_START,
    rate: 170,
    profile: { shifts: DEFAULT_PROFILE.shifts.map((s) => ({ ...s, agents: s.agents * 10 })) },
  });
  // Through JSON, as the API receives events: flat strings, not the simulator's concatenations
  // (which hash and compare several times slower and would misstate the fold).
  return JSON.parse(JSON.stringify(simulation.advance(DAY_START + 86_400_000 - 1))) as CallEvent[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function kpiBench(): Promise<Row[]> {
  const rows: Row[] = [];
  progress('simulating a 500-agent day…');
  const events = bigDay();
  const agents = new Set(events.flatMap((e) => (e.type === 'agent.state' ? [e.agentId] : []))).size;

  // The same day with and without its orders' later events (paid, held, shipped, returned):
  // issue 20's "within 10 % of today's fold rate", side by side. Folds of each into
  // fresh projections, each after the heap is collected: the first pair is cold (JIT warm-up
  // and heap growth included), the others show the steady rate; five pairs, as one fold in a
  // few on a shared host is slowed by a neighbour.
  const withoutLifecycle = events.filter((e) => !ORDER_LIFECYCLE.has(e.type));
  const lifecycle = events.length - withoutLifecycle.length;
  let projection = createProjection(BENCH_SETTINGS);
  const foldMs: number[] = [];
  const foldWithoutMs: number[] = [];
  for (let run = 1; run <= FOLD_RUNS; run++) {
    progress(`folding (${run} of ${FOLD_RUNS})…`);
    // Which goes first alternates: measured here, the second fold of a pair ran up to 15 %
    // slower whichever stream it was (the heap the first left behind).
    const pair = [
      [withoutLifecycle, foldWithoutMs],
      [events, foldMs],
    ] as const;
    for (const [stream, into] of run % 2 === 0 ? [...pair].reverse() : pair) {
      collectGarbage();
      projection = createProjection(BENCH_SETTINGS);
      const folded = projection;
      into.push(time(() => stream.forEach((e) => evolve(folded, e)))[1]);
    }
  }
  const rate = (n: number, ms: readonly number[]): string =>
    ms.map((m) => perSecond(n, m)).join(', ');
  rows.push([
    `fold (evolve), one core, runs 1 (cold) to ${FOLD_RUNS}`,
    `${events.length} events (${lifecycle} of them order paid/held/shipped/returned), ${agents} agents in ${foldMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    rate(events.length, foldMs),
  ]);
  rows.push([
    'fold of the same day without its order lifecycle, side by side',
    `${withoutLifecycle.length} events in ${foldWithoutMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    rate(withoutLifecycle.length, foldWithoutMs),
  ]);
  const steady = (n: number, ms: readonly number[]): number => n / median(ms.slice(1));
  rows.push([
    `fold rate with the order lifecycle ÷ without (medians of runs 2–${FOLD_RUNS})`,
    'events/s over events/s',
    `${((100 * steady(events.length, foldMs)) / steady(withoutLifecycle.length, foldWithoutMs)).toFixed(1)} %`,
  ]);

  const at = DAY_START + 86_400_000 - 1;
  for (const scope of ['tenant', 'team:blue', 'queue:support'] as const) {
    const samples = Array.from(
      { length: 30 },
      () => time(() => snapshot(projection, at, scope))[1],
    );
    rows.push([
      `snapshot at 23:59:59, ${scope}`,
      `after the ${events.length}-event day, 30 runs`,
      `median ${median(samples).toFixed(2)} ms`,
    ]);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-bench-kpi-'));
  const client = createStoreClient({ database: 'bench', dataDir });
  try {
    await migrate(client);
    const store = new EventStore(client);
    progress('storing the day…');
    const [, insertMs] = await timeAsync(async () => {
      for (let i = 0; i < events.length; i += 50_000) {
        await store.insertEvents(events.slice(i, i + 50_000), {
          receivedAt: at,
          ingestSource: 'bench',
        });
      }
    });
    rows.push([
      'bulk insert of the day into chDB',
      `${events.length} events in ${insertMs.toFixed(0)} ms`,
      perSecond(events.length, insertMs),
    ]);
    progress('rebuilding a projection from the store…');
    collectGarbage();
    const [count, rebuildMs] = await timeAsync(async () => {
      const rebuilt = createProjection(BENCH_SETTINGS);
      let n = 0;
      for await (const event of store.readEvents({ tenant: 'default' }))
        if (evolve(rebuilt, event)) n++;
      return n;
    });
    rows.push([
      'rebuild from the store (read + fold)',
      `${count} events in ${rebuildMs.toFixed(0)} ms`,
      perSecond(count, rebuildMs),
    ]);
  } finally {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  collectGarbage();
  rows.push(...orderBookRows());
  return rows;
}
