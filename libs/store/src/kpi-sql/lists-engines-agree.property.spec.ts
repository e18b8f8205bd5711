import fc from 'fast-check';
import type { HistoryGroupBy } from '@mieruka/contracts';
import { bucketStart, prune, snapshot, windowValues } from '@mieruka/kpi';
import type { Stream } from '../../../../tests/support/arbitraries';
import {
  fold,
  isolate as isolateStream,
  storeAsIngestWould,
} from '../../../../tests/support/engines-agree';
import { differences } from '../../../../tests/support/golden';
import { listStreamArb } from '../../../../tests/support/list-arbitraries';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeKpiHistory, computeSqlSnapshot } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

/**
 * The v2 outbound rules on both engines (docs/kpis.md, Outbound lists; Dial outcomes; KGIs):
 * random floors of lists, re-dials, outcomes and scoped KGIs — the live fold and the SQL path
 * print the same snapshot (lists and KGIs included), the same history rows, and the live
 * fold's lists survive pruning (the memory bound) unchanged. Each run under a tenant of its
 * own in one shared database.
 */
describe('the live fold and the SQL path agree on outbound lists', () => {
  let store: TestStore;
  let events: EventStore;
  let run = 0;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  const isolate = (stream: Stream) => isolateStream(stream, `l${++run}`);

  it('prints the same snapshot: window outcomes, lists and scoped KGIs', async () => {
    let listsSeen = 0;
    let scopedKgisSeen = 0;
    await fc.assert(
      fc.asyncProperty(listStreamArb, async (stream) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(events, arrivals);
        const live = snapshot(fold(settings, arrivals), stream.at, stream.scope);
        const sql = await computeSqlSnapshot(store, {
          settings,
          at: stream.at,
          scope: stream.scope,
        });
        expect(differences(live, sql)).toEqual([]);
        expect(differences(sql, live)).toEqual([]);
        if (live.lists.some((l) => l.worked > 0)) listsSeen++;
        if (live.kgis.some((k) => k.scope !== undefined)) scopedKgisSeen++;
      }),
      { numRuns: 20 },
    );
    // The streams reach the rules, not just empty lists.
    expect(listsSeen).toBeGreaterThan(2);
    expect(scopedKgisSeen).toBeGreaterThan(0);
  }, 240_000);

  it('keeps every list whole after the live projection prunes', () => {
    fc.assert(
      fc.property(listStreamArb, (stream) => {
        const { settings, arrivals } = isolate(stream);
        const whole = snapshot(fold(settings, arrivals), stream.at, stream.scope);
        const pruned = fold(settings, arrivals);
        // A horizon the snapshot is allowed after (at ≥ horizon + 4 h): entries dialled
        // before it are kept as bare ids, after it with their time.
        prune(pruned, stream.at - 30 * 3_600_000);
        const after = snapshot(pruned, stream.at, stream.scope);
        expect(differences(whole.lists, after.lists)).toEqual([]);
        expect(differences(whole.kgis, after.kgis)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('gives, per history row, the live failed dials and outcomes of that window', async () => {
    // Hours, and the breakdowns a supervisor compares campaigns, teams and agents by.
    const groupByArb = fc.constantFrom<HistoryGroupBy>('hour', 'campaign', 'team', 'agent');
    await fc.assert(
      fc.asyncProperty(listStreamArb, groupByArb, async (stream, groupBy) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(events, arrivals);
        const projection = fold(settings, arrivals);
        const breakdown = groupBy !== 'hour';
        const scope = breakdown ? 'tenant' : stream.scope;
        const zone = settings.tenant.timezone;
        const from = bucketStart(stream.at - 26 * 3_600_000, 'hour', zone);
        const to = stream.at + 1;
        const history = await computeKpiHistory(store, {
          settings,
          from,
          to,
          scope,
          groupBy,
        });
        for (const row of history.rows) {
          const rowScope = breakdown ? (`${groupBy}:${row.key}` as const) : scope;
          const live = windowValues(
            projection,
            Date.parse(row.start),
            Date.parse(row.end) - 1,
            rowScope,
            to - 1,
          );
          expect([row.key, differences(live, row.kpis)]).toEqual([row.key, []]);
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
