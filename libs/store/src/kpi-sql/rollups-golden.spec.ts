import { splitEventBatch } from '@mieruka/contracts';
import { bucketStart } from '@mieruka/kpi';
import { differences, goldenCases, type GoldenCase } from '../../../../tests/support/golden';
import { scenarioEvents } from '../../../../tests/support/scenarios';
import { EventStore } from '../event-store';
import { Ingestor } from '../ingestor';
import { openTestStore } from '../testing';
import { buildRollups, computeKpiHistory, freshBuckets } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

/** The golden cases whose expectations hold the day's and the last quarter hour's windows. */
const cases = goldenCases().filter((c) => {
  const windows = c.expected.windows as Record<string, unknown> | undefined;
  return windows?.today !== undefined && windows.interval !== undefined;
});

/**
 * The golden day and quarter-hour rows on the rollup path: each case's scenario stored as
 * golden.spec.ts stores it, the rollups built up to the case's time, and the history read
 * through them must give the day row as the golden `today` window and the last quarter hour
 * as `interval` — the quarter hours before it from rollups, the open one from raw events.
 */
describe('the golden day and quarter-hour rows, read through rollups', () => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.drop();
  });

  async function storeFor(golden: GoldenCase): Promise<TestStore> {
    const store = await openTestStore();
    stores.push(store);
    const ingestor = new Ingestor({
      store: new EventStore(store),
      clock: () => golden.at,
      currencyOf: () => golden.settings.tenant.currency,
    });
    await ingestor.ingest(splitEventBatch(scenarioEvents(golden.scenario)), {
      transport: 'golden',
    });
    return store;
  }

  it('has cases to check', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases.map((c) => [`${c.scenario} ${c.case.name}`, c] as const))(
    '%s',
    async (_name, golden) => {
      const store = await storeFor(golden);
      const { settings, at, scope } = golden;
      const from = bucketStart(at, 'day', settings.tenant.timezone);
      const to = at + 1;
      const built = await buildRollups(store, { settings, from, until: to });
      expect(built.pending).toBe(0);
      expect(built.agentTimeBuilt).toBe(built.total);
      const rolled = (await freshBuckets(store, settings, from, to)).size;
      expect(rolled).toBe(built.total);
      expect(rolled).toBeGreaterThan(0);

      const windows = golden.expected.windows as Record<string, unknown>;
      const day = await computeKpiHistory(store, {
        settings,
        from,
        to,
        scope,
        groupBy: 'day',
        rollups: true,
      });
      expect(day.rows).toHaveLength(1);
      expect(differences(windows.today, day.rows[0]!.kpis)).toEqual([]);
      const quarters = await computeKpiHistory(store, {
        settings,
        from,
        to,
        scope,
        groupBy: '15m',
        rollups: true,
      });
      expect(differences(windows.interval, quarters.rows.at(-1)!.kpis)).toEqual([]);
    },
    60_000,
  );
});
