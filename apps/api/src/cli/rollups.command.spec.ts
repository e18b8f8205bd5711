import { parseSettingsFile, splitEventBatch } from '@mieruka/contracts';
import { EventStore, Ingestor, computeKpiHistory, freshBuckets } from '@mieruka/store';
import { openTestStore } from '@mieruka/store/testing';
import { scenarioConfig, scenarioEvents } from '../../../../tests/support/scenarios';
import { TenantDirectory } from '../config/tenant-directory';
import { buildStoredRollups } from './rollups.command';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const SCENARIO = '002-day-tokyo';
const AT = Date.parse('2026-11-24T18:40:00+09:00');
const MIDNIGHT = Date.parse('2026-11-24T00:00:00+09:00');

describe('mieruka rollups build', () => {
  let store: TestStore;
  const tenants = new TenantDirectory(parseSettingsFile(scenarioConfig(SCENARIO)));

  beforeAll(async () => {
    store = await openTestStore();
    const ingestor = new Ingestor({
      store: new EventStore(store),
      clock: () => AT,
      currencyOf: () => 'JPY',
    });
    await ingestor.ingest(splitEventBatch(scenarioEvents(SCENARIO)), { transport: 'test' });
  });
  afterAll(() => store.drop());

  it('builds the stored day with a line per UTC day, and a rerun goes on where a stop left it', async () => {
    const settings = tenants.get('default');
    const lines: string[] = [];
    // Stopped part way: only up to noon.
    const noon = Date.parse('2026-11-24T12:00:00+09:00');
    const [first] = await buildStoredRollups(store, tenants, { to: noon }, AT, (l) =>
      lines.push(l),
    );
    expect(first!.pending).toBe(0);
    expect(first!.built).toBe(first!.total);
    expect(first!.agentTimeBuilt).toBe(first!.total);
    expect(lines.at(-1)).toBe(
      `rollups default: ${first!.total}/${first!.total} quarter hours (0 fresh, ${first!.built} built, 0 pending; agent time of ${first!.total} built)`,
    );

    const [second] = await buildStoredRollups(store, tenants, {}, AT, (l) => lines.push(l));
    expect(second!.fresh).toBe(first!.built);
    expect(second!.built).toBe(second!.total - first!.built);
    // Agent time goes on from where the first run ended: the quarter hours before still carry.
    expect(second!.agentTimeBuilt).toBe(second!.total - first!.total);
    // Up to the last quarter hour closed at AT (18:30): the open one stays raw.
    const fresh = await freshBuckets(store, settings, MIDNIGHT, AT + 1);
    expect(Math.max(...fresh.keys())).toBe(Date.parse('2026-11-24T18:15:00+09:00'));

    const ask = (rollups: boolean) =>
      computeKpiHistory(store, {
        settings,
        from: MIDNIGHT,
        to: AT + 1,
        scope: 'tenant',
        groupBy: 'hour',
        rollups,
      });
    expect(await ask(true)).toEqual(await ask(false));
  }, 60_000);
});
