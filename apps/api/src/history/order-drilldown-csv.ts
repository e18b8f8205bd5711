import {
  KPI_LABELS,
  ORDER_DRILLDOWN_COUNTS,
  ORDER_DRILLDOWN_LABELS,
  type Language,
  type OrderDrilldown,
} from '@mieruka/contracts';
import { CSV_DECIMALS, TEXTS, csvText, fixed, localTime, type Cell } from './history-csv';

/**
 * The machine-readable export of the order drill-down (`format=csv-raw`): the API's keys as
 * headers (`by`, `variant` by item, `start`, `end`, the counts, `wrongItemRate` as a fraction),
 * times as RFC 3339, an empty cell where a value is null.
 */
export function orderDrilldownToRawCsv(drilldown: OrderDrilldown): string {
  const item = drilldown.by === 'item';
  const header = [
    drilldown.by,
    ...(item ? ['variant'] : []),
    'start',
    'end',
    ...ORDER_DRILLDOWN_COUNTS,
    'wrongItemRate',
  ];
  const lines = drilldown.rows.map((row): Cell[] => [
    row.key,
    ...(item ? [row.variant] : []),
    drilldown.from,
    drilldown.to,
    ...ORDER_DRILLDOWN_COUNTS.map((key) => row[key]),
    row.wrongItemRate,
  ]);
  return csvText([header, ...lines]);
}

/**
 * The export people open (`format=csv`), written as the history's readable CSV is: headers in
 * the reader's language (the KPI names of the catalogue, the rate in %), the tenant's local
 * time with its zone in the header, the rows without a confirmation (or without items) named
 * as such rather than left blank.
 */
export function orderDrilldownToReadableCsv(
  drilldown: OrderDrilldown,
  options: { readonly language: Language; readonly timezone: string },
): string {
  const { language, timezone } = options;
  const labels = ORDER_DRILLDOWN_LABELS[language];
  const item = drilldown.by === 'item';
  const header = [
    labels[drilldown.by],
    ...(item ? [labels.variant] : []),
    `${TEXTS[language].start} (${timezone})`,
    `${TEXTS[language].end} (${timezone})`,
    ...ORDER_DRILLDOWN_COUNTS.map((key) => KPI_LABELS[language][key]),
    `${KPI_LABELS[language].wrongItemRate} (%)`,
  ];
  const none = drilldown.by === 'agent' ? labels.unattributed : labels.noItems;
  const lines = drilldown.rows.map((row): Cell[] => [
    row.key === '' && drilldown.by !== 'reason' ? none : row.key,
    ...(item ? [row.variant] : []),
    localTime(drilldown.from),
    localTime(drilldown.to),
    ...ORDER_DRILLDOWN_COUNTS.map((key) => row[key]),
    row.wrongItemRate === null ? null : fixed(row.wrongItemRate * 100, CSV_DECIMALS.percent),
  ]);
  return csvText([header, ...lines]);
}
