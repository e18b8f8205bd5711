import fc from 'fast-check';
import { ORDER_DRILLDOWN_COUNTS, type CallEvent, type Scope } from '@mieruka/contracts';
import { windowValues } from '@mieruka/kpi';
import { orderStreamArb, type Stream } from '../../../../tests/support/arbitraries';
import {
  fold,
  isolate as isolateStream,
  storeAsIngestWould as storeArrivals,
} from '../../../../tests/support/engines-agree';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeOrderDrilldown } from './index';

/**
 * The order drill-down against the live fold on random order lifecycles (paid before
 * confirmed, duplicates, returns weeks later, orders with no confirmation): each agent's row is
 * the live window of scope agent:X over the range, the agents (with the unattributed row) add
 * up to the tenant, and the reasons add up to the scope's holds and returns.
 */
describe('the order drill-down agrees with the live fold', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let events: EventStore;
  let run = 0;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  const isolate = (stream: Stream) => isolateStream(stream, `d${++run}`);
  const storeAsIngestWould = (arrivals: readonly CallEvent[]) => storeArrivals(events, arrivals);

  it('by agent and by reason, over forty days to now', async () => {
    let attributedSeen = 0;
    await fc.assert(
      fc.asyncProperty(orderStreamArb, async (stream) => {
        const { settings, arrivals } = isolate(stream);
        await storeAsIngestWould(arrivals);
        const projection = fold(settings, arrivals);
        const from = stream.at - 40 * 86_400_000;
        const to = stream.at + 1;
        // Order events are attributed as at the end of the range (to − 1 ms), as history does.
        const live = (scope: Scope) => windowValues(projection, from, to - 1, scope, to - 1);
        const ask = (by: 'agent' | 'reason', scope: Scope) =>
          computeOrderDrilldown(store, { settings, from, to, scope, by });

        const byAgent = await ask('agent', 'tenant');
        for (const row of byAgent.rows) {
          if (row.key === '') continue;
          attributedSeen++;
          const values = live(`agent:${row.key}`);
          for (const key of ORDER_DRILLDOWN_COUNTS) {
            expect([row.key, key, row[key]]).toEqual([row.key, key, values[key]]);
          }
          expect([row.key, row.wrongItemRate]).toEqual([row.key, values.wrongItemRate]);
        }
        const tenant = live('tenant');
        for (const key of ORDER_DRILLDOWN_COUNTS) {
          const sum = byAgent.rows.reduce((n, r) => n + (r[key] ?? 0), 0);
          expect([key, sum]).toEqual([key, tenant[key]]);
        }

        const byReason = await ask('reason', stream.scope);
        const scoped = live(stream.scope);
        for (const key of ['heldOrders', 'returnedOrders', 'wrongItemReturns'] as const) {
          const sum = byReason.rows.reduce((n, r) => n + r[key], 0);
          expect([stream.scope, key, sum]).toEqual([stream.scope, key, scoped[key]]);
        }
      }),
      { numRuns: 60 },
    );
    // The streams reach attributed orders, not just unattributed events.
    expect(attributedSeen).toBeGreaterThan(10);
  }, 240_000);
});
