import type {
  OrderDrilldown,
  OrderDrilldownBy,
  OrderDrilldownRow,
  Scope,
  TenantSettings,
} from '@mieruka/contracts';
import { formatLocalIso } from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { HistoryRangeError } from './history';
import { orderDrilldownSql } from './order-drilldown.sql';
import { scopeFilter } from './scope.sql';

export interface OrderDrilldownParams {
  readonly settings: TenantSettings;
  /** The range [from, to) in epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly scope: Scope;
  readonly by: OrderDrilldownBy;
}

const nullableNumber = (value: unknown) => (value === null ? null : Number(value));

/**
 * The order drill-down of docs/kpis.md (Orders) over [from, to): holds, returns, wrong-item
 * returns and shipments by the agent who took the order, by SKU and variant, or by reason —
 * each count the window key of the same name, so a group's row equals that group's history.
 */
export async function computeOrderDrilldown(
  store: StoreClient,
  params: OrderDrilldownParams,
): Promise<OrderDrilldown> {
  const { settings, from, to, scope, by } = params;
  if (!(from < to)) throw new HistoryRangeError('from: must be before to');
  const filter = scopeFilter(scope);
  const result = await store.client.query({
    query: orderDrilldownSql(store.database, filter.sql, by),
    query_params: {
      tenant: settings.tenant.id,
      at: chTime(to - 1),
      from: chTime(from),
      ...filter.params,
    },
    format: 'JSONEachRow',
  });
  const rows = await result.json<Record<string, unknown>>();
  const local = (ms: number) => formatLocalIso(ms, settings.tenant.timezone);
  return {
    tenant: settings.tenant.id,
    scope,
    by,
    from: local(from),
    to: local(to),
    rows: rows.map((row): OrderDrilldownRow => ({
      key: String(row.grp),
      ...(by === 'item' ? { variant: String(row.variant) } : {}),
      heldOrders: Number(row.heldOrders),
      returnedOrders: Number(row.returnedOrders),
      wrongItemReturns: Number(row.wrongItemReturns),
      shippedOrders: nullableNumber(row.shippedOrders),
      wrongItemRate: nullableNumber(row.wrongItemRate),
    })),
  };
}
