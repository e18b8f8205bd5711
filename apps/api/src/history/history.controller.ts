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
  CSV_DURATIONS,
  LANGUAGES,
  kpiHistoryQuerySchema,
  kpiHistorySchema,
  type KpiHistory,
} from '@mieruka/contracts';
import { HistoryRangeError, computeKpiHistory, type StoreClient } from '@mieruka/store';
import { Allow } from '../auth/access.decorator';
import { AccessGuard } from '../auth/access.guard';
import { CurrentPrincipal, assertTenant } from '../auth/current-principal';
import type { Principal } from '../auth/principal';
import { CLOCK, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { Doc } from '../http/openapi';
import { parseQuery } from '../http/parse-input';
import { STORE_CLIENT } from '../store/store.module';
import { historyToRawCsv, historyToReadableCsv, languageFrom } from './history-csv';
import { historyRange } from './history-range';

const historyQuery = kpiHistoryQuerySchema.extend({
  /** `csv`: for people (names and units in `lang`); `csv-raw`: today's keys and units, for scripts. */
  format: z
    .enum(['json', 'csv', 'csv-raw'], { error: 'must be json, csv or csv-raw' })
    .default('json'),
  /** The readable CSV's language (default: the request's Accept-Language, else ja). */
  lang: z.enum(LANGUAGES, { error: 'must be ja or en' }).optional(),
  /** The readable CSV's durations: seconds (one decimal) or h:mm:ss. */
  durations: z.enum(CSV_DURATIONS, { error: 'must be seconds or hms' }).default('seconds'),
});

@Controller('api/v1/kpis')
@UseGuards(AccessGuard)
@Allow('admin', 'manager')
export class HistoryController {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
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
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KpiHistory | string> {
    const params = parseQuery(historyQuery, query);
    assertTenant(principal, params.tenant);
    const settings = this.tenants.get(params.tenant);
    const { from, to } = historyRange(params, this.clock.now(), settings.tenant.timezone);
    let history: KpiHistory;
    try {
      history = await computeKpiHistory(this.store, {
        settings,
        from,
        to,
        scope: params.scope,
        groupBy: params.groupBy,
      });
    } catch (error) {
      if (error instanceof HistoryRangeError) throw new BadRequestException(error.message);
      throw error;
    }
    if (params.format === 'json') return history;
    const raw = params.format === 'csv-raw';
    const language = params.lang ?? languageFrom(acceptLanguage);
    const name = `mieruka-${history.tenant}-${params.groupBy}-${history.from.slice(0, 10)}${raw ? '-raw' : ''}.csv`;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${name}"`);
    if (raw) return historyToRawCsv(history);
    response.setHeader('content-language', language);
    return historyToReadableCsv(history, {
      language,
      durations: params.durations,
      timezone: settings.tenant.timezone,
      currency: settings.tenant.currency,
    });
  }
}
