import fc from 'fast-check';
import { BREAKDOWNS, TIME_BUCKETS, type CallEvent, type HistoryGroupBy } from '@mieruka/contracts';
import { bucketStart } from '@mieruka/kpi';
import { orderStreamArb, streamArb, type Stream } from '../../../../tests/support/arbitraries';
import {
  isolate as isolateStream,
  storeAsIngestWould as storeArrivals,
} from '../../../../tests/support/engines-agree';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { freshAgentTime } from './agent-time-rollups';
import { buildRollups, computeKpiHistory, freshBuckets } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

/** Each run stores, builds three times and reads twelve histories: about 3 s on chDB. */
const RUNS = 25;

/**
 * The history read from rollups must be the history read from raw events, row for row and
 * value for value, whatever reached the events table around a build: random streams (several
 * zones, DST days, bucket edges, two tenants with the same ids) stored in two parts with a
 * build between them, so the second part lands late in rolled-up quarter hours, with ids stored
 * again (a retried insert, two writers racing) before and after the build.
 */
describe('history from rollups equals history from raw events', () => {
  let store: TestStore;
  let events: EventStore;
  let run = 0;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  /** Stores arrivals as ingest would; a later call stores ids again as a racing writer can. */
  const storeAsIngestWould = (arrivals: readonly CallEvent[]) => storeArrivals(events, arrivals);

  /** The stream's first part and, of the rest, what ingest could still store (no other content under a stored id). */
  function split(arrivals: readonly CallEvent[], at: number) {
    const cut = Math.floor(arrivals.length * at);
    const first = new Map<string, string>();
    for (const e of arrivals) {
      const key = `${e.tenant}/${e.id}`;
      if (!first.has(key)) first.set(key, JSON.stringify(e));
    }
    const sameAsFirst = (e: CallEvent) => first.get(`${e.tenant}/${e.id}`) === JSON.stringify(e);
    return {
      before: arrivals.slice(0, cut),
      after: arrivals.slice(cut).filter(sameAsFirst),
    };
  }

  const groupByArb = fc.constantFrom<HistoryGroupBy>(...TIME_BUCKETS, 'weekdayHour', ...BREAKDOWNS);

  it('with late events, copies and rebuilds', async () => {
    let rolledRuns = 0;
    let staleRuns = 0;
    let agentRolledRuns = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(streamArb, orderStreamArb),
        groupByArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (stream: Stream, groupBy, cutAt) => {
          const { settings, arrivals } = isolateStream(stream, `r${++run}`);
          const zone = settings.tenant.timezone;
          const from = bucketStart(stream.at - 26 * 3_600_000, 'hour', zone);
          const to = stream.at + 1;
          const breakdown = (BREAKDOWNS as readonly string[]).includes(groupBy);
          const scope = breakdown ? 'tenant' : stream.scope;
          const bothPathsAgree = async () => {
            const ask = (rollups: boolean) =>
              computeKpiHistory(store, { settings, from, to, scope, groupBy, rollups });
            const [raw, rolled] = await Promise.all([ask(false), ask(true)]);
            expect(rolled).toEqual(raw);
          };
          const rolledUp = async () => (await freshBuckets(store, settings, from, to)).size;
          const { before, after } = split(arrivals, cutAt);

          await storeAsIngestWould(before);
          const built = await buildRollups(store, { settings, from, until: to });
          expect(built.built + built.pending).toBe(built.total);
          const rolledBefore = await rolledUp();
          if ((await freshAgentTime(store, settings.tenant.id, from, to)).size > 0)
            agentRolledRuns++;
          await bothPathsAgree();

          // Late events and copies into rolled-up quarter hours: those read raw until rebuilt.
          await storeAsIngestWould(after);
          if ((await rolledUp()) < rolledBefore) staleRuns++;
          await bothPathsAgree();
          // A retried insert of the first part (stored again, same content): every touched
          // quarter hour holds a copy, so none is rebuilt until a merge collapses them.
          await storeAsIngestWould(before.slice(0, 3));
          await buildRollups(store, { settings, from, until: to });
          if ((await rolledUp()) > 0) rolledRuns++;
          await bothPathsAgree();
        },
      ),
      { numRuns: RUNS },
    );
    // The property reached both the rollups and their staleness.
    expect(rolledRuns).toBeGreaterThan(RUNS / 2);
    expect(agentRolledRuns).toBeGreaterThan(RUNS / 2);
    expect(staleRuns).toBeGreaterThan(RUNS / 10);
  }, 300_000);

  it('rebuilds a quarter hour once its copies are merged, and not for other settings', async () => {
    const [stream] = fc.sample(streamArb, { seed: 27, numRuns: 1 });
    const { settings, arrivals } = isolateStream(stream!, `r${++run}`);
    const from = bucketStart(stream!.at - 26 * 3_600_000, 'hour', settings.tenant.timezone);
    // Whole quarter hours past every event of the stream.
    const to = bucketStart(stream!.at + 3 * 3_600_000, 'hour', 'UTC');
    await storeAsIngestWould(arrivals);
    // No merge may collapse the copies before the first build looks (a small table merges fast).
    await store.client.command({ query: `SYSTEM STOP MERGES ${store.database}.events` });
    // Every event of the tenant stored twice, as a retried insert can.
    await store.client.command({
      query: `INSERT INTO ${store.database}.events
        SELECT * FROM ${store.database}.events WHERE tenant = {tenant:String}`,
      query_params: { tenant: settings.tenant.id },
      // As a retry that is not one block for block (ClickHouse drops those itself).
      clickhouse_settings: { insert_deduplicate: 0 },
    });
    const withCopies = await buildRollups(store, { settings, from, until: to });
    const quarterHoursWithEvents = withCopies.pending;
    expect(quarterHoursWithEvents).toBeGreaterThan(0);

    await store.client.command({ query: `SYSTEM START MERGES ${store.database}.events` });
    await store.client.command({ query: `OPTIMIZE TABLE ${store.database}.events FINAL` });
    const merged = await buildRollups(store, { settings, from, until: to });
    expect(merged).toMatchObject({
      fresh: withCopies.built,
      built: quarterHoursWithEvents,
      pending: 0,
    });
    for (const groupBy of ['15m', 'day', 'agent'] as const) {
      const ask = (rollups: boolean) =>
        computeKpiHistory(store, { settings, from, to, scope: 'tenant', groupBy, rollups });
      expect(await ask(true)).toEqual(await ask(false));
    }
    // Another service-level threshold sums other calls as in SL: nothing built for it is read.
    const other = {
      ...settings,
      serviceLevel: {
        ...settings.serviceLevel,
        thresholdMs: settings.serviceLevel.thresholdMs + 1,
      },
    };
    expect((await freshBuckets(store, other, from, to)).size).toBe(0);
    expect((await freshBuckets(store, settings, from, to)).size).toBe(merged.total);

    // A build recorded with an older layout (the tenant as dim '' without attributed orders),
    // newer than the one read so far: not read, so the quarter hours are built again.
    await store.client.command({
      query: `INSERT INTO ${store.database}.rollup_buckets
        SELECT * REPLACE (generateUUIDv4() AS build, 0 AS layout)
        FROM ${store.database}.rollup_buckets FINAL WHERE tenant = {tenant:String}`,
      query_params: { tenant: settings.tenant.id },
    });
    expect((await freshBuckets(store, settings, from, to)).size).toBe(0);
    const again = await buildRollups(store, { settings, from, until: to });
    expect(again.built).toBe(merged.total);
  }, 120_000);
});
