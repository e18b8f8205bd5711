import {
  ORDER_DRILLDOWN_COUNTS,
  callEventSchema,
  defaultTenantSettings,
  type CallEvent,
  type Scope,
} from '@mieruka/contracts';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeKpiHistory, computeOrderDrilldown } from './index';

/**
 * The order drill-down on a hand-worked November in Tokyo (fixed instants). Orders:
 * - o1 taken by a1 on 10-05 (CAT-1 navy/M and CAT-2), shipped in October, returned
 *   `wrong_variant` on 11-10 — weeks after its call, still a1's and its items';
 * - o2 taken by a2 (CAT-1 navy/L), held `item_unidentified`, shipped, returned `changed_mind`;
 *   the whole batch is stored twice (a retried insert) and counts once;
 * - o3 held `item_unidentified` with no confirmation: agent '' and item '' only;
 * - o4 taken by a1 (CAT-1 navy/M), re-taken later by a2 (CAT-9): stays a1's and CAT-1's;
 *   shipped, returned `wrong_item`;
 * - o5 taken by a2 with no items, shipped: item '';
 * - o6 taken by a1 (CAT-3), held at 12-01 00:00 — the range's end, so not in it.
 */
describe('computeOrderDrilldown', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const tenant = 'drill';
  const tokyo = (date: string, time = '10:00:00') => `${date}T${time}.000+09:00`;
  const from = Date.parse(tokyo('2026-11-01', '00:00:00'));
  const to = Date.parse(tokyo('2026-12-01', '00:00:00'));
  const settings = defaultTenantSettings(tenant);

  const event = (input: { id: string } & Record<string, unknown>): CallEvent =>
    callEventSchema.parse({ tenant, source: 'test', ...input });
  const confirmed = (
    id: string,
    orderId: string,
    date: string,
    agentId: string,
    items?: readonly Record<string, unknown>[],
  ) =>
    event({
      id,
      type: 'order.confirmed',
      occurredAt: tokyo(date),
      callId: `call-${id}`,
      orderId,
      agentId,
      queue: 'orders',
      amount: 5000,
      currency: 'JPY',
      ...(items ? { items } : {}),
    });
  const later = (id: string, type: string, orderId: string, occurredAt: string, reason?: string) =>
    event({ id, type, orderId, occurredAt, ...(reason ? { reason } : {}) });

  beforeAll(async () => {
    store = await openTestStore();
    const events = new EventStore(store);
    const o2 = [
      confirmed('c2', 'o2', '2026-11-02', 'a2', [{ sku: 'CAT-1', variant: 'navy/L', qty: 1 }]),
      later('h2', 'order.held', 'o2', tokyo('2026-11-02', '12:00:00'), 'item_unidentified'),
      later('s2', 'order.shipped', 'o2', tokyo('2026-11-03')),
      later('r2', 'order.returned', 'o2', tokyo('2026-11-20'), 'changed_mind'),
    ];
    const batches: CallEvent[][] = [
      [
        confirmed('c1', 'o1', '2026-10-05', 'a1', [
          { sku: 'CAT-1', variant: 'navy/M', qty: 1 },
          { sku: 'CAT-2', qty: 2 },
          { sku: 'CAT-1', variant: 'navy/M', qty: 1 },
        ]),
        later('s1', 'order.shipped', 'o1', tokyo('2026-10-06')),
        later('r1', 'order.returned', 'o1', tokyo('2026-11-10'), 'wrong_variant'),
      ],
      o2,
      o2,
      [later('h3', 'order.held', 'o3', tokyo('2026-11-05'), 'item_unidentified')],
      [confirmed('c4', 'o4', '2026-11-04', 'a1', [{ sku: 'CAT-1', variant: 'navy/M', qty: 1 }])],
      [
        confirmed('c4b', 'o4', '2026-11-04', 'a2', [{ sku: 'CAT-9', qty: 1 }]),
        later('s4', 'order.shipped', 'o4', tokyo('2026-11-05')),
        later('r4', 'order.returned', 'o4', tokyo('2026-11-15'), 'wrong_item'),
      ],
      [
        confirmed('c5', 'o5', '2026-11-06', 'a2'),
        later('s5', 'order.shipped', 'o5', tokyo('2026-11-07')),
      ],
      [
        confirmed('c6', 'o6', '2026-11-08', 'a1', [{ sku: 'CAT-3', qty: 1 }]),
        later('h6', 'order.held', 'o6', tokyo('2026-12-01', '00:00:00'), 'address_incomplete'),
      ],
    ];
    const receivedAt = Date.parse(tokyo('2026-12-01', '09:00:00'));
    for (const [i, batch] of batches.entries()) {
      await events.insertEvents(batch, { receivedAt: receivedAt + i, ingestSource: 'test' });
    }
  });
  afterAll(() => store.drop());

  const drill = (by: 'agent' | 'item' | 'reason', scope: Scope = 'tenant') =>
    computeOrderDrilldown(store, { settings, from, to, scope, by });
  const row = (
    key: string,
    [heldOrders, returnedOrders, wrongItemReturns]: readonly number[],
    shippedOrders: number | null,
    wrongItemRate: number | null,
    variant?: string,
  ) => ({
    key,
    ...(variant === undefined ? {} : { variant }),
    heldOrders,
    returnedOrders,
    wrongItemReturns,
    shippedOrders,
    wrongItemRate,
  });

  it('by agent: the agent who first confirmed the order, late returns and duplicates included', async () => {
    const result = await drill('agent');
    expect(result).toMatchObject({
      by: 'agent',
      from: '2026-11-01T00:00:00.000+09:00',
      to: '2026-12-01T00:00:00.000+09:00',
    });
    expect(result.rows).toEqual([
      // o1's and o4's wrong returns against o4's one shipment in November.
      row('a1', [0, 2, 2], 1, 2),
      row('a2', [1, 1, 0], 2, 0),
      row('', [1, 0, 0], 0, null),
    ]);
  });

  it('by SKU and variant: each distinct item of the first confirmation', async () => {
    expect((await drill('item')).rows).toEqual([
      row('CAT-1', [0, 2, 2], 1, 2, 'navy/M'),
      row('CAT-2', [0, 1, 1], 0, null, ''),
      row('CAT-1', [1, 1, 0], 1, 0, 'navy/L'),
      // o3 (no confirmation) held, o5 (no items) shipped.
      row('', [1, 0, 0], 1, 0, ''),
    ]);
    expect((await drill('item', 'agent:a1')).rows).toEqual([
      row('CAT-1', [0, 2, 2], 1, 2, 'navy/M'),
      row('CAT-2', [0, 1, 1], 0, null, ''),
    ]);
  });

  it('by reason: holds and returns, no shipments', async () => {
    expect((await drill('reason')).rows).toEqual([
      row('wrong_item', [0, 1, 1], null, null),
      row('wrong_variant', [0, 1, 1], null, null),
      row('changed_mind', [0, 1, 0], null, null),
      row('item_unidentified', [2, 0, 0], null, null),
    ]);
    expect((await drill('reason', 'agent:a2')).rows).toEqual([
      row('changed_mind', [0, 1, 0], null, null),
      row('item_unidentified', [1, 0, 0], null, null),
    ]);
  });

  it("agrees with the window keys: each agent's row is the history of scope agent:X", async () => {
    const byAgent = await drill('agent');
    const sums = async (scope: Scope) => {
      const history = await computeKpiHistory(store, { settings, from, to, scope, groupBy: 'day' });
      return Object.fromEntries(
        ORDER_DRILLDOWN_COUNTS.map((key) => [
          key,
          history.rows.reduce((sum, r) => sum + r.kpis[key], 0),
        ]),
      );
    };
    for (const agent of byAgent.rows.filter((r) => r.key !== '')) {
      expect(await sums(`agent:${agent.key}`)).toEqual({
        heldOrders: agent.heldOrders,
        returnedOrders: agent.returnedOrders,
        wrongItemReturns: agent.wrongItemReturns,
        shippedOrders: agent.shippedOrders,
      });
    }
    // With the unattributed row, the agents add up to the tenant.
    const tenantSums = await sums('tenant');
    for (const key of ORDER_DRILLDOWN_COUNTS) {
      expect(byAgent.rows.reduce((sum, r) => sum + (r[key] ?? 0), 0)).toBe(tenantSums[key]);
    }
    expect(tenantSums).toEqual({
      heldOrders: 2,
      returnedOrders: 3,
      wrongItemReturns: 2,
      shippedOrders: 3,
    });
  });

  it('refuses an empty range', async () => {
    await expect(
      computeOrderDrilldown(store, { settings, from: to, to, scope: 'tenant', by: 'agent' }),
    ).rejects.toThrow('from: must be before to');
  });
});
