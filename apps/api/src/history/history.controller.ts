import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  CSV_DURATIONS,
  kpiHistoryQuerySchema,
  kpiHistorySchema,
  type KpiHistory,
} from '@mieruka/contracts';
import { computeKpiHistory, type StoreClient } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { STORE_CLIENT } from '../store/store.module';
import { csvExportQuery, jsonOrCsv } from './csv-export';
import { historyToRawCsv, historyToReadableCsv } from './history-csv';
import { TenantRanges } from './tenant-range';

const historyQuery = kpiHistoryQuerySchema.extend({
  ...csvExportQuery,
  /** The readable CSV's durations: seconds (one decimal) or h:mm:ss. */
  durations: z.enum(CSV_DURATIONS, { error: 'must be seconds or hms' }).default('seconds'),
});

@Controller('api/v1/kpis')
@UseGuards(AccessGuard)
@Allow('admin', 'manager')
export class HistoryController {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(TenantRanges) private readonly ranges: TenantRanges,
  ) {}

  /**
   * KPI history from the stored events (the SQL path): `from` (default: local midnight today)
   * to `to` (default and latest: now), by 15m / hour / day or by queue / campaign / team /
   * agent. `format=csv` answers the same rows as a spreadsheet file people open (KPI names and
   * units in `lang`, percentages, durations as `durations` says); `format=csv-raw` as the API's
   * keys and units, for scripts.
   */
  @Get()
  @Doc({
    summary:
      'KPI history from the stored events (SQL), by time bucket or by dimension; CSV with format=csv (names and units in lang, durations in seconds or h:mm:ss) or format=csv-raw (API keys and units)',
    query: historyQuery,
    answer: kpiHistorySchema,
    access: 'managers and admins of the tenant',
  })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KpiHistory | string> {
    const params = parseQuery(historyQuery, query);
    const { settings, from, to } = this.ranges.of(principal, params);
    const history = await computeKpiHistory(this.store, {
      settings,
      from,
      to,
      scope: params.scope,
      groupBy: params.groupBy,
    });
    return jsonOrCsv(history, params, response, {
      stem: `mieruka-${history.tenant}-${params.groupBy}-${history.from.slice(0, 10)}`,
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
}
