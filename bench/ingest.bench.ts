import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEvent, type BatchItem } from '@mieruka/contracts';
import { createSimulation } from '@mieruka/simulator';
import { EventStore, Ingestor, createStoreClient, migrate } from '@mieruka/store';
import { perSecond, progress, time, timeAsync, type Row } from './report';

/**
 * The ingest path: simulator speed, validation throughput, and ingest throughput (validate +
 * id lookup + insert) into the embedded store, fresh and as all-duplicates.
 */
export async function ingestBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const dayStart = Date.parse('2026-11-24T00:00:00+09:00');
  progress('simulating 7 days…');
  const simulation = createSimulation({
    seed: 7,
    tenant: 'default',
    timezone: 'Asia/Tokyo',
    currency: 'JPY',
    start: dayStart,
  });
  const [events, simMs] = time(() => simulation.advance(dayStart + 7 * 86_400_000));
  rows.push([
    'simulator: 7 Tokyo days, rate 1',
    `${events.length} events in ${simMs.toFixed(0)} ms`,
    perSecond(events.length, simMs),
  ]);

  progress('validating…');
  const context = { receivedAt: dayStart + 8 * 86_400_000, currencyOf: () => 'JPY' };
  const raw = events.map((e) => JSON.parse(JSON.stringify(e)) as unknown);
  const [, validateMs] = time(() => raw.forEach((r) => validateEvent(r, context)));
  rows.push([
    'validateEvent (one core)',
    `${raw.length} events in ${validateMs.toFixed(0)} ms`,
    perSecond(raw.length, validateMs),
  ]);

  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-bench-'));
  const client = createStoreClient({ database: 'bench', dataDir });
  try {
    await migrate(client);
    const ingestor = new Ingestor({
      store: new EventStore(client),
      clock: () => context.receivedAt,
      currencyOf: () => 'JPY',
    });
    const items: BatchItem[] = raw.map((value) => ({
      kind: 'value',
      value,
      bytes: JSON.stringify(value).length,
    }));
    const ingestAll = async (batch: number) => {
      let counted = 0;
      for (let i = 0; i < items.length; i += batch) {
        const answer = await ingestor.ingest(items.slice(i, i + batch), { transport: 'bench' });
        counted += answer.accepted + answer.duplicates;
      }
      return counted;
    };
    for (const batch of [1000, 5000]) {
      await client.client.command({ query: 'TRUNCATE TABLE bench.events' });
      progress(`ingesting in batches of ${batch}…`);
      const [, ms] = await timeAsync(() => ingestAll(batch));
      rows.push([
        `ingest into chDB, batches of ${batch}`,
        `${items.length} events in ${ms.toFixed(0)} ms`,
        perSecond(items.length, ms),
      ]);
    }
    progress('re-ingesting (all duplicates)…');
    const [, ms] = await timeAsync(() => ingestAll(5000));
    rows.push([
      're-ingest (all duplicates), batches of 5000',
      `${items.length} duplicates in ${ms.toFixed(0)} ms`,
      perSecond(items.length, ms),
    ]);
    // Senders that post one event per request (a PBX webhook, Twilio's callbacks), 64 at a
    // time: the writer groups what waits into one id check and one insert.
    await client.client.command({ query: 'TRUNCATE TABLE bench.events' });
    const singles = items.slice(0, 20_000);
    progress(`ingesting ${singles.length} events one per call, 64 calls in flight…`);
    const [, singlesMs] = await timeAsync(async () => {
      let next = 0;
      const sender = async () => {
        while (next < singles.length) {
          const item = singles[next++] as BatchItem;
          await ingestor.ingest([item], { transport: 'bench' });
        }
      };
      await Promise.all(Array.from({ length: 64 }, sender));
    });
    rows.push([
      'ingest into chDB, one event per call, 64 in flight',
      `${singles.length} events in ${singlesMs.toFixed(0)} ms`,
      perSecond(singles.length, singlesMs),
    ]);
  } finally {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
