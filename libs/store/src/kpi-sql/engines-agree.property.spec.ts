import fc from 'fast-check';
import {
  ATTRIBUTED_ORDER_TYPES,
  BREAKDOWNS,
  COUNT_KPIS,
  TIME_BUCKETS,
  type CallEvent,
  type HistoryGroupBy,
} from '@mieruka/contracts';
import { bucketStart, snapshot, windowValues } from '@mieruka/kpi';
import {
  firstArrivals,
  orderStreamArb,
  streamArb,
  type Stream,
} from '../../../../tests/support/arbitraries';
import {
  fold,
  isolate as isolateStream,
  storeAsIngestWould as storeArrivals,
} from '../../../../tests/support/engines-agree';
import { differences } from '../../../../tests/support/golden';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeKpiHistory, computeSqlSnapshot } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

/**
 * The two engines on random streams (several zones, DST days, window edges, late, shuffled and
 * repeated events, two tenants): the live fold and the SQL path must print the same snapshot,
 * and every row of the SQL history must equal the live fold's values over the same window.
 * Each run stores its stream under tenants of its own in one shared database.
 */
describe('the live fold and the SQL path agree on random streams', () => {
  let store: TestStore;
  let events: EventStore;
  let run = 0;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  /** The stream under tenants of this run's own (`default` → tN, `other` → tNx). */
  const isolate = (stream: Stream) => isolateStream(stream, `t${++run}`);
  const storeAsIngestWould = (arrivals: readonly CallEvent[]) => storeArrivals(events, arrivals);

  it('prints the same snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, async (stream) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(arrivals);
        const live = snapshot(fold(settings, arrivals), stream.at, stream.scope);
        const sql = await computeSqlSnapshot(store, {
          settings,
          at: stream.at,
          scope: stream.scope,
        });
        expect(differences(live, sql)).toEqual([]);
        expect(differences(sql, live)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 240_000);

  it('prints the same snapshot for order lifecycles: attribution, counts and the book', async () => {
    let stuckSeen = 0;
    let attributedSeen = 0;
    await fc.assert(
      fc.asyncProperty(orderStreamArb, async (stream) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(arrivals);
        const live = snapshot(fold(settings, arrivals), stream.at, stream.scope);
        const sql = await computeSqlSnapshot(store, {
          settings,
          at: stream.at,
          scope: stream.scope,
        });
        expect(differences(live, sql)).toEqual([]);
        expect(differences(sql, live)).toEqual([]);
        if (live.orders.stuck > 0) stuckSeen++;
        const today = live.windows.today;
        const later = today.paidOrders + today.heldOrders + today.shippedOrders;
        if (later + today.returnedOrders > 0 && stream.scope !== 'tenant') attributedSeen++;
      }),
      { numRuns: 150 },
    );
    // The streams reach the order rules, not just empty books.
    expect(stuckSeen).toBeGreaterThan(20);
    expect(attributedSeen).toBeGreaterThan(5);
  }, 240_000);

  it('gives, per history row, the live values of that window', async () => {
    const groupByArb = fc.constantFrom<HistoryGroupBy>(...TIME_BUCKETS, ...BREAKDOWNS);
    await fc.assert(
      fc.asyncProperty(fc.oneof(streamArb, orderStreamArb), groupByArb, async (stream, groupBy) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(arrivals);
        const projection = fold(settings, arrivals);
        const zone = settings.tenant.timezone;
        const breakdown = (BREAKDOWNS as readonly string[]).includes(groupBy);
        // Up to a day back from a bucket edge, to one ms past `at` (the range excludes `to`).
        const from = bucketStart(stream.at - 26 * 3_600_000, 'hour', zone);
        const to = stream.at + 1;
        const scope = breakdown ? 'tenant' : stream.scope;
        const history = await computeKpiHistory(store, { settings, from, to, scope, groupBy });
        for (const row of history.rows) {
          const rowScope = breakdown ? (`${groupBy}:${row.key}` as const) : scope;
          // Order events are attributed as at the end of the range asked for (`to` − 1 ms).
          const live = windowValues(
            projection,
            Date.parse(row.start),
            Date.parse(row.end) - 1,
            rowScope,
            to - 1,
          );
          expect([row.key, differences(live, row.kpis)]).toEqual([row.key, []]);
        }
        if (breakdown) {
          // Every value that has events in the range has its row.
          const column = groupBy === 'agent' ? 'agentId' : groupBy;
          const firsts = firstArrivals(arrivals);
          const expectedKeys = new Set(
            firsts
              .filter((e) => e.tenant === settings.tenant.id && e.type !== 'agent.state')
              // An order's later events count where the order was taken, not by their fields.
              .filter((e) => !(ATTRIBUTED_ORDER_TYPES as readonly string[]).includes(e.type))
              .filter((e) => {
                const t = Date.parse(e.occurredAt);
                return t >= from && t < to;
              })
              .map((e) => (e as Record<string, unknown>)[column])
              .filter((v): v is string => typeof v === 'string'),
          );
          const keys = new Set(history.rows.map((r) => r.key));
          for (const key of expectedKeys) expect(keys).toContain(key);
        } else {
          expect(history.rows.length).toBeGreaterThan(0);
          expect(Date.parse(history.rows[0]!.start)).toBe(from);
          expect(Date.parse(history.rows.at(-1)!.end)).toBe(to);
        }
      }),
      { numRuns: 100 },
    );
  }, 240_000);

  it('folds the hours onto the week: each weekday × hour row is its hours together', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, async (stream) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(arrivals);
        const zone = settings.tenant.timezone;
        const from = bucketStart(stream.at - 26 * 3_600_000, 'hour', zone);
        const to = stream.at + 1;
        const ask = (groupBy: HistoryGroupBy) =>
          computeKpiHistory(store, { settings, from, to, scope: stream.scope, groupBy });
        const [hours, week] = await Promise.all([ask('hour'), ask('weekdayHour')]);
        // Each hour row under its local weekday and hour (as written in its start).
        const byKey = new Map<string, typeof hours.rows>();
        for (const row of hours.rows) {
          const day = new Date(`${row.start.slice(0, 10)}T00:00:00Z`).getUTCDay() || 7;
          const key = `${day}-${row.start.slice(11, 13)}`;
          byKey.set(key, [...(byKey.get(key) ?? []), row]);
        }
        expect(week.rows.map((r) => r.key).sort()).toEqual([...byKey.keys()].sort());
        for (const row of week.rows) {
          const parts = byKey.get(row.key) ?? [];
          expect([row.key, row.occurrences]).toEqual([row.key, parts.length]);
          if (parts.length === 1) {
            // One hour (every hour of a day's range but a repeated one at a DST change):
            // every value, ratios and agent time included, is that hour's.
            expect([row.key, differences(parts[0]!.kpis, row.kpis)]).toEqual([row.key, []]);
          } else {
            // Every count of the KPI catalogue adds up over the hours.
            for (const count of COUNT_KPIS) {
              const sum = parts.reduce((n, p) => n + p.kpis[count], 0);
              expect([row.key, count, row.kpis[count]]).toEqual([row.key, count, sum]);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});
