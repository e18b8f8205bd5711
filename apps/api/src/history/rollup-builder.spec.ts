import type { PinoLogger } from 'nestjs-pino';
import { parseSettingsFile, splitEventBatch, type Env } from '@mieruka/contracts';
import { EventStore, Ingestor, computeKpiHistory, freshBuckets } from '@mieruka/store';
import { openTestStore } from '@mieruka/store/testing';
import { scenarioConfig, scenarioEvents } from '../../../../tests/support/scenarios';
import { TenantDirectory } from '../config/tenant-directory';
import { RollupBuilder } from './rollup-builder';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const SCENARIO = '002-day-tokyo';
const AT = Date.parse('2026-11-24T18:40:00+09:00');
const MIDNIGHT = Date.parse('2026-11-24T00:00:00+09:00');

describe('the background rollup builder', () => {
  let store: TestStore;
  const tenants = new TenantDirectory(parseSettingsFile(scenarioConfig(SCENARIO)));
  const logged: string[] = [];
  const logger = {
    setContext: () => undefined,
    info: (_: unknown, message: string) => logged.push(message),
    warn: (_: unknown, message: string) => logged.push(message),
  } as unknown as PinoLogger;

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

  it('builds the closed quarter hours, which the history then reads, with the same answer', async () => {
    const builder = new RollupBuilder(
      store,
      tenants,
      { now: () => AT },
      { MIERUKA_HISTORY_ROLLUPS: true } as Env,
      logger,
    );
    const first = await builder.buildClosed();
    expect(first.built).toBeGreaterThan(0);
    expect(first.pending).toBe(0);
    expect(first.agentTimeBuilt).toBe(first.built);
    expect(logged).toEqual(['rollups built']);
    // Nothing closed since: nothing to do, nothing logged.
    expect(await builder.buildClosed()).toEqual({ built: 0, pending: 0, agentTimeBuilt: 0 });
    expect(logged).toHaveLength(1);

    const settings = tenants.get('default');
    const fresh = await freshBuckets(store, settings, MIDNIGHT, AT + 1);
    // Up to 18:30, the quarter hour open at 18:40 (read raw).
    expect(Math.max(...fresh.keys())).toBe(Date.parse('2026-11-24T18:15:00+09:00'));
    for (const groupBy of ['15m', 'hour', 'day', 'agent', 'weekdayHour'] as const) {
      const ask = (rollups: boolean) =>
        computeKpiHistory(store, {
          settings,
          from: MIDNIGHT,
          to: AT + 1,
          scope: 'tenant',
          groupBy,
          rollups,
        });
      expect(await ask(true)).toEqual(await ask(false));
    }
  }, 60_000);
});
