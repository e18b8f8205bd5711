import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryGroupBy, Scope } from '@mieruka/contracts';
import { createSimulation, DEFAULT_PROFILE } from '@mieruka/simulator';
import {
  EventStore,
  computeKpiHistory,
  computeSqlSnapshot,
  createStoreClient,
  migrate,
} from '@mieruka/store';
import { BENCH_SETTINGS, DAY_MS, median } from './kpi.bench';
import { perSecond, progress, timeAsync, type Row } from './report';

const TARGET_EVENTS = 10_000_000;
const LAST_DAY = Date.parse('2026-11-24T00:00:00+09:00');

/**
 * The SQL path at scale: about 10M events (consecutive busy days of the 500-agent floor)
 * stored in chDB, then the history queries a manager runs and the SQL snapshot, each timed
 * (median of 5 after a warm-up run).
 */
export async function historyBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-bench-history-'));
  const client = createStoreClient({ database: 'bench', dataDir });
  try {
    await migrate(client);
    const store = new EventStore(client);
    let stored = 0;
    let days = 0;
    const [, loadMs] = await timeAsync(async () => {
      // Day by day back from LAST_DAY, each generated, stored and dropped (bounded memory).
      while (stored < TARGET_EVENTS) {
        const start = LAST_DAY - days * DAY_MS;
        const simulation = createSimulation({
          seed: 100 + days,
          tenant: 'default',
          timezone: 'Asia/Tokyo',
          currency: 'JPY',
          start,
          rate: 170,
          profile: { shifts: DEFAULT_PROFILE.shifts.map((s) => ({ ...s, agents: s.agents * 10 })) },
        });
        const events = simulation.advance(start + DAY_MS - 1);
        for (let i = 0; i < events.length; i += 100_000) {
          await store.insertEvents(events.slice(i, i + 100_000), {
            receivedAt: start + DAY_MS,
            ingestSource: 'bench',
          });
        }
        stored += events.length;
        days++;
        progress(`stored ${stored.toLocaleString('en-US')} events (${days} days)`);
      }
    });
    rows.push([
      'generate + store in chDB',
      `${stored.toLocaleString('en-US')} events, ${days} days, in ${(loadMs / 1000).toFixed(0)} s`,
      perSecond(stored, loadMs),
    ]);

    const end = LAST_DAY + DAY_MS;
    const queries: [string, HistoryGroupBy, number, Scope][] = [
      ['today by 15 minutes', '15m', LAST_DAY, 'tenant'],
      ['7 days by hour', 'hour', end - 7 * DAY_MS, 'tenant'],
      [`${days} days by day`, 'day', end - days * DAY_MS, 'tenant'],
      [`${days} days by day, team:blue`, 'day', end - days * DAY_MS, 'team:blue'],
      ['7 days by agent', 'agent', end - 7 * DAY_MS, 'tenant'],
      ['7 days by queue', 'queue', end - 7 * DAY_MS, 'tenant'],
    ];
    for (const [name, groupBy, from, scope] of queries) {
      progress(`history: ${name}…`);
      const run = () =>
        computeKpiHistory(client, { settings: BENCH_SETTINGS, from, to: end, scope, groupBy });
      const first = await run();
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push((await timeAsync(run))[1]);
      rows.push([
        `history: ${name}`,
        `${first.rows.length} rows over ${stored.toLocaleString('en-US')} stored events, 5 runs`,
        `median ${median(samples).toFixed(0)} ms`,
      ]);
    }

    for (const scope of ['tenant', 'agent:in-001'] as const) {
      progress(`SQL snapshot ${scope}…`);
      const run = () =>
        computeSqlSnapshot(client, { settings: BENCH_SETTINGS, at: end - 1, scope });
      await run();
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push((await timeAsync(run))[1]);
      rows.push([
        `SQL snapshot at 23:59:59, ${scope}`,
        `over ${stored.toLocaleString('en-US')} stored events (2 KGIs: month, quarter), 5 runs`,
        `median ${median(samples).toFixed(0)} ms`,
      ]);
    }
  } finally {
    await client.client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
