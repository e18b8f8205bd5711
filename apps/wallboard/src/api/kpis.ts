import type {
  CsvDurations,
  KpiHistory,
  Language,
  LiveSnapshot,
  OrderDrilldown,
  OrderDrilldownBy,
} from '@mieruka/contracts';
import { callApi } from './http';

/** A history request as the API takes it (`GET /api/v1/kpis`). */
export interface HistoryRequest {
  readonly tenant: string;
  readonly scope: string;
  readonly groupBy: string;
  readonly from?: string;
  readonly to?: string;
}

/** How a CSV for people is written: its language and its durations (seconds or h:mm:ss). */
export interface CsvChoice {
  readonly lang: Language;
  readonly durations: CsvDurations;
}

/**
 * The API address of a request: the same for the JSON shown and the CSV downloaded. `csv` is
 * the file people open (KPI names and units in `choice.lang`, durations as `choice.durations`;
 * without a choice the API takes the request's language and seconds); `csv-raw` the API's keys
 * and units, for scripts.
 */
export function historyPath(
  request: HistoryRequest,
  format: 'json' | 'csv' | 'csv-raw' = 'json',
  choice?: CsvChoice,
): string {
  const params = new URLSearchParams({
    tenant: request.tenant,
    scope: request.scope,
    groupBy: request.groupBy,
  });
  if (request.from) params.set('from', request.from);
  if (request.to) params.set('to', request.to);
  if (format !== 'json') params.set('format', format);
  if (format === 'csv' && choice) {
    params.set('lang', choice.lang);
    params.set('durations', choice.durations);
  }
  return `/api/v1/kpis?${params.toString()}`;
}

export function fetchHistory(request: HistoryRequest, signal?: AbortSignal): Promise<KpiHistory> {
  return callApi<KpiHistory>(historyPath(request), { signal });
}

/**
 * The order drill-down's address (`GET /api/v1/kpis/orders`) for the range and scope of a
 * history request: JSON, or the CSV for people in `lang`.
 */
export function orderDrilldownPath(
  request: Omit<HistoryRequest, 'groupBy'>,
  by: OrderDrilldownBy,
  csvLang?: Language,
): string {
  const params = new URLSearchParams({ tenant: request.tenant, scope: request.scope, by });
  if (request.from) params.set('from', request.from);
  if (request.to) params.set('to', request.to);
  if (csvLang) {
    params.set('format', 'csv');
    params.set('lang', csvLang);
  }
  return `/api/v1/kpis/orders?${params.toString()}`;
}

export function fetchOrderDrilldown(
  request: Omit<HistoryRequest, 'groupBy'>,
  by: OrderDrilldownBy,
  signal?: AbortSignal,
): Promise<OrderDrilldown> {
  return callApi<OrderDrilldown>(orderDrilldownPath(request, by), { signal });
}

export function fetchLive(
  tenant: string,
  scope: string,
  signal?: AbortSignal,
): Promise<LiveSnapshot> {
  const params = new URLSearchParams({ tenant, scope });
  return callApi<LiveSnapshot>(`/api/v1/live?${params.toString()}`, { signal });
}
