import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  orderDrilldownQuerySchema,
  orderDrilldownSchema,
  type OrderDrilldown,
} from '@mieruka/contracts';
import { computeOrderDrilldown, type StoreClient } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { STORE_CLIENT } from '../store/store.module';
import { csvExportQuery, jsonOrCsv } from './csv-export';
import { orderDrilldownToRawCsv, orderDrilldownToReadableCsv } from './order-drilldown-csv';
import { TenantRanges } from './tenant-range';

/** `csv`: for people (names in `lang`, rate in %); `csv-raw`: the API's keys, for scripts. */
const drilldownQuery = orderDrilldownQuerySchema.extend(csvExportQuery);

@Controller('api/v1/kpis/orders')
@UseGuards(AccessGuard)
@Allow('admin', 'manager')
export class OrderDrilldownController {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(TenantRanges) private readonly ranges: TenantRanges,
  ) {}

  /**
   * The order drill-down from the stored events: holds, returns, wrong-item returns and
   * shipments over a range (as the history takes it) by agent, by SKU and variant, or by reason.
   */
  @Get()
  @Doc({
    summary:
      'Order drill-down (SQL): holds, returns, wrong-item returns and shipments by the agent who took the order, by SKU and variant of its confirmation, or by reason; CSV with format=csv (names in lang) or format=csv-raw (API keys)',
    query: drilldownQuery,
    answer: orderDrilldownSchema,
    access: 'managers and admins of the tenant',
  })
  async drilldown(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDrilldown | string> {
    const params = parseQuery(drilldownQuery, query);
    const { settings, from, to } = this.ranges.of(principal, params);
    const drilldown = await computeOrderDrilldown(this.store, {
      settings,
      from,
      to,
      scope: params.scope,
      by: params.by,
    });
    return jsonOrCsv(drilldown, params, response, {
      stem: `mieruka-${drilldown.tenant}-orders-by-${params.by}-${drilldown.from.slice(0, 10)}`,
      raw: orderDrilldownToRawCsv,
      readable: (rows, language) =>
        orderDrilldownToReadableCsv(rows, { language, timezone: settings.tenant.timezone }),
    });
  }
}
