import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tenantSettingsSchema, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { DEFAULT_PROFILE, createSimulation } from '@mieruka/simulator';
import { EventStore, createStoreClient, migrate } from '@mieruka/store';
import { collectGarbage, perSecond, progress, time, timeAsync, type Row } from './report';

export const DAY_MS = 86_400_000;
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

  // Three folds into fresh projections, each after the heap is collected: the first is cold
  // (JIT warm-up and heap growth included), the others show the steady rate.
  let projection = createProjection(BENCH_SETTINGS);
  const foldMs: number[] = [];
  for (let run = 1; run <= 3; run++) {
    progress(`folding (${run} of 3)…`);
    collectGarbage();
    projection = createProjection(BENCH_SETTINGS);
    const folded = projection;
    foldMs.push(time(() => events.forEach((e) => evolve(folded, e)))[1]);
  }
  rows.push([
    'fold (evolve), one core, cold',
    `${events.length} events, ${agents} agents in ${foldMs[0]!.toFixed(0)} ms`,
    perSecond(events.length, foldMs[0]!),
  ]);
  rows.push([
    'fold (evolve), one core, 2nd and 3rd run',
    `${foldMs
      .slice(1)
      .map((ms) => ms.toFixed(0))
      .join(' ms, ')} ms`,
    foldMs
      .slice(1)
      .map((ms) => perSecond(events.length, ms))
      .join(', '),
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
  return rows;
}
