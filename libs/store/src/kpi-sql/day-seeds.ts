import type { Scope } from '@mieruka/contracts';
import { emptySums, type Sums } from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';

export interface DaySeed {
  readonly scope: Scope;
  /** Days since 1970-01-01 on the tenant's clock. */
  readonly localDay: number;
  readonly sums: Sums;
}

interface DaySeedRow {
  dim: string;
  value: string;
  day: number;
  answered: number;
  connectedOutbound: number;
  wrapped: number;
  orders: number;
  cancelledOrders: number;
  revenueCents: number;
  dispositions: Record<string, number>;
}

/**
 * Per local day in [from, until) and per scope (the tenant and each queue, campaign, team and
 * agent an event names), the sums the KGI metrics read — answered, connectedOutbound,
 * wrapped, orders, cancelledOrders, revenue and dispositions — computed by ClickHouse, for
 * `seedDay` of @mieruka/kpi. The other sums stay 0: no KGI reads them. `from` and `until`
 * should be local midnights.
 */
export async function computeDaySeeds(
  store: StoreClient,
  params: { tenant: string; timeZone: string; from: number; until: number },
): Promise<DaySeed[]> {
  const result = await store.client.query({
    query: `SELECT scope.1 AS dim, scope.2 AS value, day,
        countIf(type = 'call.connected' AND direction = 'inbound') AS answered,
        countIf(type = 'call.connected' AND direction = 'outbound') AS connectedOutbound,
        countIf(type = 'call.wrapped') AS wrapped,
        countIf(type = 'order.confirmed') AS orders,
        countIf(type = 'order.cancelled') AS cancelledOrders,
        toInt64(sumIf(assumeNotNull(amount), type = 'order.confirmed') * 100)
          - toInt64(sumIf(assumeNotNull(amount), type = 'order.cancelled') * 100) AS revenueCents,
        sumMapIf(map(toString(disposition), toUInt64(1)), type = 'call.wrapped') AS dispositions
      FROM (
        SELECT type, direction, amount, disposition,
          toUInt32(toDate(occurred_at, {timeZone:String})) AS day,
          arrayJoin([('tenant', '-'), ('queue', toString(queue)), ('campaign', toString(campaign)),
                     ('team', toString(team)), ('agent', agent_id)]) AS scope
        FROM ${store.database}.events FINAL
        WHERE tenant = {tenant:String}
          AND occurred_at >= {from:DateTime64(3, 'UTC')}
          AND occurred_at < {until:DateTime64(3, 'UTC')}
          AND type IN ('call.connected', 'call.wrapped', 'order.confirmed', 'order.cancelled')
      )
      WHERE scope.2 != ''
      GROUP BY dim, value, day`,
    query_params: {
      tenant: params.tenant,
      timeZone: params.timeZone,
      from: chTime(params.from),
      until: chTime(params.until),
    },
    format: 'JSONEachRow',
  });
  return (await result.json<DaySeedRow>()).map((row) => {
    const sums = emptySums();
    sums.answered = Number(row.answered);
    sums.connectedOutbound = Number(row.connectedOutbound);
    sums.wrapped = Number(row.wrapped);
    sums.orders = Number(row.orders);
    sums.cancelledOrders = Number(row.cancelledOrders);
    sums.revenueCents = Number(row.revenueCents);
    for (const [name, n] of Object.entries(row.dispositions))
      sums.dispositions.set(name, Number(n));
    return {
      scope: row.dim === 'tenant' ? 'tenant' : `${row.dim}:${row.value}`,
      localDay: Number(row.day),
      sums,
    };
  });
}
