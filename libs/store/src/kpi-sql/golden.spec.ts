import { differences, goldenCases, type GoldenCase } from '../../../../tests/support/golden';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeSqlSnapshot } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const cases = goldenCases();

/**
 * Each case gets a database of its own holding what `mieruka kpi` would have stored with the
 * receiving clock at that case's `at`: every valid event in arrival order, repeated ids
 * included, so the query-time deduplication (first row per id) is what makes them count once.
 * (The intake differs per case: an event more than 5 minutes after `at` is rejected, and that
 * can change which copy of an id is the first valid one.)
 */
describe('the SQL path on the golden scenarios', () => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.drop();
  });

  async function storeFor(golden: GoldenCase): Promise<TestStore> {
    const store = await openTestStore();
    stores.push(store);
    await new EventStore(store).insertEvents(golden.intake.valid, {
      receivedAt: golden.at,
      ingestSource: 'golden',
    });
    return store;
  }

  it.each(cases.map((c) => [`${c.scenario} ${c.case.name}`, c] as const))(
    '%s',
    async (_name, golden) => {
      const store = await storeFor(golden);
      const snapshot = await computeSqlSnapshot(store, {
        settings: golden.settings,
        at: golden.at,
        scope: golden.scope,
      });
      const { ingest: _ingest, ...expected } = golden.expected;
      expect(differences(expected, snapshot)).toEqual([]);
    },
    60_000,
  );
});
