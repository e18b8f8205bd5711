import { callEventSchema, type CallEvent } from '@mieruka/contracts';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { chTime } from '../time';
import { storedRowsSql } from './rollup.sql';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const at = (time: string) => Date.parse(`2026-11-29T${time}.000Z`);

function offered(id: string, time: string, tenant = 'counted'): CallEvent {
  return callEventSchema.parse({
    id,
    tenant,
    source: 'test',
    type: 'call.offered',
    occurredAt: new Date(at(time)).toISOString(),
    callId: id,
    direction: 'inbound',
    queue: 'q1',
  });
}

/**
 * A rollup is fresh while the events table holds as many rows for its quarter hour as when it
 * was built; the count comes from the projection `quarter_rows` (migration 17), not from a
 * month of timestamps, and must be exactly what counting the rows gives.
 */
describe('stored rows per quarter hour', () => {
  let store: TestStore;
  const params = { tenant: 'counted', from: chTime(at('00:00:00')), to: chTime(at('02:00:00')) };

  beforeAll(async () => {
    store = await openTestStore();
    const events = new EventStore(store);
    await events.insertEvents(
      [
        offered('e1', '00:00:00'),
        offered('e2', '00:14:59'),
        offered('e3', '00:15:00'),
        offered('e4', '01:59:59'),
        // Outside the range, or another tenant's.
        offered('e5', '02:00:00'),
        offered('e6', '00:20:00', 'other'),
      ],
      { receivedAt: at('03:00:00'), ingestSource: 'test' },
    );
    // A copy stored again (a retried insert): counted until a merge collapses it.
    await store.client.command({
      query: `INSERT INTO ${store.database}.events
        SELECT * FROM ${store.database}.events WHERE tenant = 'counted' AND id = 'e3'`,
      clickhouse_settings: { insert_deduplicate: 0 },
    });
  });
  afterAll(() => store.drop());

  /** The counts, from the projection unless told otherwise (it fails if it cannot use it). */
  async function counts(settings: Record<string, string> = { force_optimize_projection: '1' }) {
    const result = await store.client.query({
      query: `${storedRowsSql(store.database)} ORDER BY bucket_ms`,
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    });
    return (await result.json<{ bucket_ms: string; n: string }>()).map((r) => [
      Number(r.bucket_ms),
      Number(r.n),
    ]);
  }

  it('is answered from the projection', async () => {
    const result = await store.client.query({
      query: `EXPLAIN projections = 1 ${storedRowsSql(store.database)}`,
      query_params: params,
      format: 'JSONEachRow',
    });
    const plan = (await result.json<{ explain: string }>()).map((r) => r.explain).join('\n');
    expect(plan).toContain('ReadFromMergeTree (quarter_rows)');
  });

  it('counts every row of each quarter hour, copies included, as reading the rows does', async () => {
    const expected = [
      [at('00:00:00'), 2],
      [at('00:15:00'), 2],
      [at('01:45:00'), 1],
    ];
    expect(await counts()).toEqual(expected);
    expect(await counts({ optimize_use_projections: '0' })).toEqual(expected);
    await store.client.command({ query: `OPTIMIZE TABLE ${store.database}.events FINAL` });
    expect(await counts()).toEqual([expected[0], [at('00:15:00'), 1], expected[2]]);
  });
});
