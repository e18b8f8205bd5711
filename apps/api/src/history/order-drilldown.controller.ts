import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Inject,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  LANGUAGES,
  orderDrilldownQuerySchema,
  orderDrilldownSchema,
  type OrderDrilldown,
} from '@mieruka/contracts';
import { HistoryRangeError, computeOrderDrilldown, type StoreClient } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { STORE_CLIENT } from '../store/store.module';
import { languageFrom } from './history-csv';
import { historyRange } from './history-range';
import { orderDrilldownToRawCsv, orderDrilldownToReadableCsv } from './order-drilldown-csv';

const drilldownQuery = orderDrilldownQuerySchema.extend({
  /** `csv`: for people (names in `lang`, rate in %); `csv-raw`: the API's keys, for scripts. */
  format: z
    .enum(['json', 'csv', 'csv-raw'], { error: 'must be json, csv or csv-raw' })
    .default('json'),
  /** The readable CSV's language (default: the request's Accept-Language, else ja). */
  lang: z.enum(LANGUAGES, { error: 'must be ja or en' }).optional(),
});

@Controller('api/v1/kpis/orders')
@UseGuards(AccessGuard)
@Allow('admin', 'manager')
export class OrderDrilldownController {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
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
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDrilldown | string> {
    const params = parseQuery(drilldownQuery, query);
    assertTenant(principal, params.tenant);
    const settings = this.tenants.get(params.tenant);
    const { from, to } = historyRange(params, this.clock.now(), settings.tenant.timezone);
    let drilldown: OrderDrilldown;
    try {
      drilldown = await computeOrderDrilldown(this.store, {
        settings,
        from,
        to,
        scope: params.scope,
        by: params.by,
      });
    } catch (error) {
      if (error instanceof HistoryRangeError) throw new BadRequestException(error.message);
      throw error;
    }
    if (params.format === 'json') return drilldown;
    const raw = params.format === 'csv-raw';
    const name = `mieruka-${drilldown.tenant}-orders-by-${params.by}-${drilldown.from.slice(0, 10)}${raw ? '-raw' : ''}.csv`;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${name}"`);
    if (raw) return orderDrilldownToRawCsv(drilldown);
    const language = params.lang ?? languageFrom(acceptLanguage);
    response.setHeader('content-language', language);
    return orderDrilldownToReadableCsv(drilldown, {
      language,
      timezone: settings.tenant.timezone,
    });
  }
}
