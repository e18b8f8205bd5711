import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryGroupBy, Scope } from '@mieruka/contracts';
import { createSimulation, DEFAULT_PROFILE } from '@mieruka/simulator';
import {
  EventStore,
  buildRollups,
  computeKpiHistory,
  computeSqlSnapshot,
  createStoreClient,
  chTime,
  migrate,
} from '@mieruka/store';
import { BENCH_SETTINGS, DAY_MS, median } from './kpi.bench';
import { perSecond, progress, timeAsync, type Row } from './report';

const TARGET_EVENTS = 30_000_000;
const LAST_DAY = Date.parse('2026-11-24T00:00:00+09:00');

/**
 * The SQL path at scale: about 30M events, issue 27's month (a busy day of the 500-agent floor, stored through
 * EventStore, then copied to the days before it) in chDB, then the history queries a manager
 * runs — each read from raw events and, after the rollups are built, through them, side by
 * side — and the SQL snapshot, each timed (median of 5 after a warm-up run).
 * `targetEvents` sets the size (days of about 1M events each).
 */
export async function historyBench(targetEvents = TARGET_EVENTS): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-bench-history-'));
  const client = createStoreClient({ database: 'bench', dataDir });
  try {
    await migrate(client);
    const store = new EventStore(client);
    progress('simulating and storing one busy day…');
    const start = LAST_DAY;
    const simulation = createSimulation({
      seed: 100,
      tenant: 'default',
      timezone: 'Asia/Tokyo',
      currency: 'JPY',
      start,
      rate: 170,
      profile: { shifts: DEFAULT_PROFILE.shifts.map((s) => ({ ...s, agents: s.agents * 10 })) },
    });
    const day = simulation.advance(start + DAY_MS - 1);
    const [, dayMs] = await timeAsync(async () => {
      for (let i = 0; i < day.length; i += 100_000) {
        await store.insertEvents(day.slice(i, i + 100_000), {
          receivedAt: start + DAY_MS,
          ingestSource: 'bench',
        });
      }
    });
    rows.push([
      'store one day through EventStore',
      `${day.length.toLocaleString('en-US')} events in ${(dayMs / 1000).toFixed(1)} s`,
      perSecond(day.length, dayMs),
    ]);
    // Earlier days as copies of that one, shifted back a day at a time with new ids, by
    // ClickHouse itself: the queries below read the columns, not the JSON payload.
    const days = Math.ceil(targetEvents / day.length);
    const [, copyMs] = await timeAsync(async () => {
      for (let n = 1; n < days; n++) {
        progress(`copying the day to ${n} day(s) before…`);
        // The filter sits in a subquery: beside REPLACE it would see the shifted occurred_at.
        await client.client.command({
          query: `INSERT INTO bench.events
            SELECT * REPLACE (concat(id, '~', toString({n:UInt32})) AS id,
                              occurred_at - toIntervalDay({n:UInt32}) AS occurred_at)
            FROM (SELECT * FROM bench.events
                  WHERE occurred_at >= {from:DateTime64(3, 'UTC')})`,
          query_params: { n, from: chTime(start) },
        });
      }
    });
    const stored = await store.countEvents('default');
    rows.push([
      'copy it to earlier days inside ClickHouse',
      `${days - 1} copies, ${stored.toLocaleString('en-US')} events in all, ${(copyMs / 1000).toFixed(1)} s`,
      perSecond(stored - day.length, copyMs),
    ]);

    const end = LAST_DAY + DAY_MS;
    const queries: [string, HistoryGroupBy, number, Scope][] = [
      ['today by 15 minutes', '15m', LAST_DAY, 'tenant'],
      ['7 days by hour', 'hour', end - 7 * DAY_MS, 'tenant'],
      [`${days} days by day`, 'day', end - days * DAY_MS, 'tenant'],
      [`${days} days by day, team:blue`, 'day', end - days * DAY_MS, 'team:blue'],
      [`${days} days by weekday × hour`, 'weekdayHour', end - days * DAY_MS, 'tenant'],
      ['7 days by agent', 'agent', end - 7 * DAY_MS, 'tenant'],
      ['7 days by queue', 'queue', end - 7 * DAY_MS, 'tenant'],
    ];
    const timeQueries = async (rollups: boolean) => {
      const medians: number[] = [];
      for (const [name, groupBy, from, scope] of queries) {
        progress(`history${rollups ? ' (rollups)' : ''}: ${name}…`);
        const run = () =>
          computeKpiHistory(client, {
            settings: BENCH_SETTINGS,
            from,
            to: end,
            scope,
            groupBy,
            rollups,
          });
        await run();
        const samples: number[] = [];
        for (let i = 0; i < 5; i++) samples.push((await timeAsync(run))[1]);
        medians.push(median(samples));
      }
      return medians;
    };
    const raw = await timeQueries(false);
    // The rollups of every stored quarter hour, as `mieruka rollups build` makes them.
    const [built, buildMs] = await timeAsync(() =>
      buildRollups(client, {
        settings: BENCH_SETTINGS,
        from: end - days * DAY_MS,
        until: end,
        onProgress: (p) => progress(`rollups: ${p.done}/${p.total} quarter hours…`),
      }),
    );
    const size = await client.client.query({
      query: `SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts
        WHERE database = 'bench' AND active AND table IN ('rollup_sums', 'rollup_buckets', 'rollup_agent_time', 'agent_time_buckets', 'events')
        GROUP BY table ORDER BY table`,
      format: 'JSONEachRow',
    });
    const sizes = (await size.json<{ table: string; rows: string; bytes: string }>())
      .map(
        (t) =>
          `${t.table} ${Number(t.rows).toLocaleString('en-US')} rows ${(Number(t.bytes) / 2 ** 20).toFixed(1)} MiB`,
      )
      .join(', ');
    rows.push([
      'build the rollups of every quarter hour',
      `${built.built} built (agent time of ${built.agentTimeBuilt}), ${built.pending} pending in ${(buildMs / 1000).toFixed(1)} s; ${sizes}`,
      perSecond(stored, buildMs),
    ]);
    const rolled = await timeQueries(true);
    queries.forEach(([name], i) => {
      rows.push([
        `history: ${name}`,
        `over ${stored.toLocaleString('en-US')} stored events, 5 runs, raw → rollups`,
        `median ${raw[i]!.toFixed(0)} → ${rolled[i]!.toFixed(0)} ms`,
      ]);
    });

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
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
