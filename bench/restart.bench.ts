import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CallEvent, Scope } from '@mieruka/contracts';
import {
  FOLD_VERSION,
  createFloor,
  createProjection,
  evolve,
  floorView,
  foldFloor,
  snapshot,
  startOfLocalDay,
  type LiveState,
} from '@mieruka/kpi';
import {
  CheckpointStore,
  EventStore,
  captureCheckpoint,
  createStoreClient,
  migrate,
  restoreCheckpoint,
  settingsHash,
} from '@mieruka/store';
import { BENCH_SETTINGS, DAY_MS, bigDay } from './kpi.bench';
import { collectGarbage, progress, time, timeAsync, type Row } from './report';

const DAY_START = Date.parse('2026-11-24T00:00:00+09:00');
const AT = DAY_START + DAY_MS - 1;
/** The events stored after the checkpoint: ten seconds at 1,000 events/s. */
const TAIL = 10_000;
/** As the API reads it (apps/api/src/live/live-checkpoints.ts). */
const TAIL_OVERLAP_MS = 60_000;
/** Pairs of starts (each after the heap is collected); one, as the machine is shared. */
const RUNS = 1;
const SCOPES: readonly Scope[] = ['tenant', 'team:blue', 'queue:support'];

function fresh(): LiveState {
  return { projection: createProjection(BENCH_SETTINGS), floor: createFloor(BENCH_SETTINGS) };
}

function fold(state: LiveState, event: CallEvent): boolean {
  if (!evolve(state.projection, event)) return false;
  foldFloor(state.floor, event);
  return true;
}

function views(state: LiveState): unknown[] {
  return SCOPES.flatMap((scope) => [
    snapshot(state.projection, AT, scope),
    floorView(state.floor, AT, scope),
  ]);
}

/**
 * Issue 25's "correct live numbers in ≤ 2 s after a 1M-event day": the day stored in chDB,
 * then, side by side in one run, the start without a checkpoint (read the day back and fold
 * it, as LiveProjections.rebuild) and with one taken TAIL events before the end (load it,
 * restore it, read and fold the tail, as LiveProjections.start), each until the first
 * snapshots equal a full refold's. In one process (no Node or Nest boot: the API's start adds
 * the same to both). Also the checkpoint's size and how long taking it holds the event loop.
 */
export async function restartBench(): Promise<Row[]> {
  const rows: Row[] = [];
  progress('simulating a 500-agent day…');
  const events = bigDay();
  const head = events.slice(0, events.length - TAIL);
  const tail = events.slice(events.length - TAIL);
  progress('folding it (the full refold the restarts must equal)…');
  const reference = fresh();
  for (const event of events) fold(reference, event);
  const expected = views(reference);
  const atCheckpoint = fresh();
  for (const event of head) fold(atCheckpoint, event);

  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-bench-restart-'));
  const client = createStoreClient({ database: 'bench', dataDir });
  try {
    await migrate(client);
    const store = new EventStore(client);
    const checkpoints = new CheckpointStore(client);
    progress('storing the day…');
    // The head well before the checkpoint, the tail after it (ingest_seq is the arrival clock).
    const takenAt = AT - 300_000;
    for (let i = 0; i < head.length; i += 50_000) {
      await store.insertEvents(head.slice(i, i + 50_000), {
        receivedAt: takenAt - 600_000,
        ingestSource: 'bench',
      });
    }
    await store.insertEvents(tail, { receivedAt: AT - 10_000, ingestSource: 'bench' });

    progress('taking the checkpoint…');
    collectGarbage();
    // The synchronous part only: what holds the event loop (the compression's promise is left).
    const [, holdMs] = time(() => captureCheckpoint(atCheckpoint, { seq: 0, takenAt }));
    collectGarbage();
    const [checkpoint, captureMs] = await timeAsync(() =>
      captureCheckpoint(atCheckpoint, { seq: takenAt * 1000, takenAt }),
    );
    const [, saveMs] = await timeAsync(() => checkpoints.save(checkpoint));
    rows.push([
      'checkpoint of the state after the day (projection + floor)',
      `${(checkpoint.state.byteLength / 2 ** 20).toFixed(1)} MiB gzip; the event loop held ${holdMs.toFixed(0)} ms (serialising), ${captureMs.toFixed(0)} ms with the compression on the thread pool`,
      `insert into chDB ${saveMs.toFixed(0)} ms`,
    ]);

    const zone = BENCH_SETTINGS.tenant.timezone;
    const from = startOfLocalDay(startOfLocalDay(AT, zone) - 1, zone);
    for (let run = 1; run <= RUNS; run++) {
      collectGarbage();
      progress(`start without a checkpoint (${run} of ${RUNS})…`);
      const [refolded, withoutMs] = await timeAsync(async () => {
        const state = fresh();
        for (const event of await store.latestAgentStatesBefore('default', from))
          fold(state, event);
        for await (const event of store.readEvents({ tenant: 'default', from })) fold(state, event);
        return isDeepStrictEqual(views(state), expected);
      });
      collectGarbage();
      progress(`start from the checkpoint (${run} of ${RUNS})…`);
      let tailRead = 0;
      const [restored, withMs] = await timeAsync(async () => {
        const newest = await checkpoints.newest(
          'default',
          FOLD_VERSION,
          settingsHash(BENCH_SETTINGS),
        );
        if (!newest) throw new Error('no checkpoint stored');
        const state = restoreCheckpoint(newest, BENCH_SETTINGS);
        const read = await store.eventsStoredAfter('default', {
          afterSeq: newest.seq - TAIL_OVERLAP_MS * 1000,
          seq: newest.seq,
          from: startOfLocalDay(startOfLocalDay(newest.takenAt, zone) - 1, zone),
        });
        tailRead = read.length;
        for (const event of read) fold(state, event);
        return isDeepStrictEqual(views(state), expected);
      });
      if (!refolded || !restored) throw new Error('a start did not equal the full refold');
      progress(`${(withoutMs / 1000).toFixed(2)} s without, ${(withMs / 1000).toFixed(2)} s with`);
      rows.push([
        `start to the first correct snapshot, run ${run}: without a checkpoint | with one`,
        `${events.length} events read and folded | checkpoint loaded and ${tailRead} tail events folded (loadavg ${loadavg()[0]!.toFixed(1)})`,
        `${(withoutMs / 1000).toFixed(2)} s | ${(withMs / 1000).toFixed(2)} s`,
      ]);
    }
  } finally {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
