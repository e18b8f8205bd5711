import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  CSV_DURATIONS,
  kpiHistoryQuerySchema,
  kpiHistorySchema,
  orderDrilldownQuerySchema,
  orderDrilldownSchema,
  type Env,
  type KpiHistory,
  type OrderDrilldown,
} from '@mieruka/contracts';
import { computeKpiHistory, computeOrderDrilldown, type StoreClient } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { STORE_CLIENT } from '../store/store.module';
import { ENV } from '../config/tokens';
import { csvExportQuery, jsonOrCsv } from './csv-export';
import { historyToRawCsv, historyToReadableCsv } from './history-csv';
import { orderDrilldownToRawCsv, orderDrilldownToReadableCsv } from './order-drilldown-csv';
import { TenantRanges } from './tenant-range';

const historyQuery = kpiHistoryQuerySchema.extend({
  ...csvExportQuery,
  /** The readable CSV's durations: seconds (one decimal) or h:mm:ss. */
  durations: z.enum(CSV_DURATIONS, { error: 'must be seconds or hms' }).default('seconds'),
});

/** `csv`: for people (names in `lang`, rate in %); `csv-raw`: the API's keys, for scripts. */
const drilldownQuery = orderDrilldownQuerySchema.extend(csvExportQuery);

const ACCESS = 'managers and admins of the tenant';

/**
 * Reads over the stored events (the SQL path) for a tenant and range, each as JSON or as a
 * CSV file: the KPI history and the order drill-down.
 */
@Controller('api/v1/kpis')
@UseGuards(AccessGuard)
@Allow('admin', 'manager')
export class HistoryController {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(TenantRanges) private readonly ranges: TenantRanges,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * KPI history: `from` (default: local midnight today) to `to` (default and latest: now), by
   * 15m / hour / day or by queue / campaign / team / agent. `format=csv` answers the same rows
   * as a spreadsheet file people open (KPI names and units in `lang`, percentages, durations as
   * `durations` says); `format=csv-raw` as the API's keys and units, for scripts.
   */
  @Get()
  @Doc({
    summary:
      'KPI history from the stored events (SQL), by time bucket or by dimension; CSV with format=csv (names and units in lang, durations in seconds or h:mm:ss) or format=csv-raw (API keys and units)',
    query: historyQuery,
    answer: kpiHistorySchema,
    access: ACCESS,
  })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KpiHistory | string> {
    const params = parseQuery(historyQuery, query);
    const { settings, ...range } = this.ranges.of(principal, params);
    const { scope, groupBy } = params;
    const history = await computeKpiHistory(this.store, {
      settings,
      ...range,
      scope,
      groupBy,
      rollups: this.env.MIERUKA_HISTORY_ROLLUPS,
    });
    return jsonOrCsv(history, params, response, {
      stem: `mieruka-${history.tenant}-${groupBy}-${history.from.slice(0, 10)}`,
      raw: historyToRawCsv,
      readable: (rows, language) =>
        historyToReadableCsv(rows, {
          language,
          durations: params.durations,
          timezone: settings.tenant.timezone,
          currency: settings.tenant.currency,
        }),
    });
  }

  /**
   * The order drill-down: holds, returns, wrong-item returns and shipments over a range (as
   * the history takes it) by agent, by SKU and variant, or by reason.
   */
  @Get('orders')
  @Doc({
    summary:
      'Order drill-down (SQL): holds, returns, wrong-item returns and shipments by the agent who took the order, by SKU and variant of its confirmation, or by reason; CSV with format=csv (names in lang) or format=csv-raw (API keys)',
    query: drilldownQuery,
    answer: orderDrilldownSchema,
    access: ACCESS,
  })
  async drilldown(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDrilldown | string> {
    const params = parseQuery(drilldownQuery, query);
    const { settings, ...range } = this.ranges.of(principal, params);
    const { scope, by } = params;
    const drilldown = await computeOrderDrilldown(this.store, { settings, ...range, scope, by });
    return jsonOrCsv(drilldown, params, response, {
      stem: `mieruka-${drilldown.tenant}-orders-by-${by}-${drilldown.from.slice(0, 10)}`,
      raw: orderDrilldownToRawCsv,
      readable: (rows, language) =>
        orderDrilldownToReadableCsv(rows, { language, timezone: settings.tenant.timezone }),
    });
  }
}
