import { splitEventBatch } from '@mieruka/contracts';
import { differences, goldenCases, type GoldenCase } from '../../../../tests/support/golden';
import { scenarioEvents } from '../../../../tests/support/scenarios';
import { EventStore } from '../event-store';
import { Ingestor } from '../ingestor';
import { openTestStore } from '../testing';
import { computeSqlSnapshot } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const cases = goldenCases();

/**
 * Each case gets a database of its own, filled as `mieruka kpi --engine sql` and the API fill
 * it: the scenario's file through the real Ingestor with the receiving clock at the case's
 * `at` (the intake differs per case: an event more than 5 minutes after `at` is rejected, and
 * that can change which copy of an id is the first valid one). Its answer must be the
 * scenario's `ingest` counts.
 */
describe('the SQL path on the golden scenarios', () => {
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
    const answer = await ingestor.ingest(splitEventBatch(scenarioEvents(golden.scenario)), {
      transport: 'golden',
    });
    const { accepted, duplicates, rejected } = answer;
    expect({ accepted, duplicates, rejected }).toEqual(golden.expected.ingest);
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
