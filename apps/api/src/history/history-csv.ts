import {
  DIMENSION_LABELS,
  HISTORY_KPIS,
  KPI_LABELS,
  KPI_UNITS,
  LANGUAGES,
  WEEKDAY_LABELS,
  isLanguage,
  isTimeBucket,
  windowKpisSchema,
  type CsvDurations,
  type HistoryKpi,
  type IsoWeekday,
  type KpiHistory,
  type Language,
} from '@mieruka/contracts';

/** The value columns, in the order of docs/kpis.md (dispositions get a column each). */
// dialOutcomes repeats failedDials by outcome (and connectedOutbound): an object, not a column.
const VALUE_KEYS = Object.keys(windowKpisSchema.shape).filter(
  (k) => k !== 'dispositions' && k !== 'dialOutcomes',
);

/**
 * RFC 4180: quote a field that holds a comma, quote or line break; double inner quotes. A text
 * that a spreadsheet would read as a formula (= + - @, a tab or CR first: a queue named
 * `=HYPERLINK(…)` posted by a sender) gets a leading apostrophe, as OWASP advises, so it stays
 * text; quoting alone does not stop Excel or LibreOffice from evaluating it. Numbers stay numbers.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number already written with its decimals ("80.0", "-1250"): a number to Excel, no formula. */
class Decimal {
  constructor(readonly text: string) {}
}
export type Cell = string | number | null | undefined | Decimal;

const NUMBER = /^-?\d+(\.\d+)?$/;
function cell(value: Cell): string {
  if (!(value instanceof Decimal)) return csvField(value);
  return NUMBER.test(value.text) ? value.text : csvField(value.text);
}

/** The byte-order mark lets Excel open Japanese names and headers as UTF-8 (pandas skips it). */
export function csvText(lines: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The machine-readable export (`format=csv-raw`), kept as it always was for scripts: the API's
 * keys as headers, ratios as fractions (0.8), durations in milliseconds, times as RFC 3339 in
 * the tenant's offset; a row per bucket or breakdown value, empty where a ratio is undefined,
 * then one `disposition:<name>` column per disposition that occurs.
 */
export function historyToRawCsv(history: KpiHistory): string {
  const dispositions = dispositionsOf(history);
  const header = [
    history.groupBy,
    'start',
    'end',
    ...VALUE_KEYS,
    ...dispositions.map((d) => `disposition:${d}`),
  ];
  const lines = history.rows.map((row) => {
    const values = row.kpis as unknown as Record<string, number | null>;
    return [
      row.key,
      row.start,
      row.end,
      ...VALUE_KEYS.map((k) => values[k]),
      ...dispositions.map((d) => row.kpis.dispositions[d] ?? 0),
    ];
  });
  return csvText([header, ...lines]);
}

function dispositionsOf(history: KpiHistory): string[] {
  return [...new Set(history.rows.flatMap((row) => Object.keys(row.kpis.dispositions)))].sort();
}

export interface ReadableCsvOptions {
  readonly language: Language;
  readonly durations: CsvDurations;
  /** The tenant's IANA zone, named in the time columns' headers. */
  readonly timezone: string;
  /** The tenant's ISO 4217 currency: the unit of money columns and their decimals. */
  readonly currency: string;
}

/** Words of the readable export that are not KPI names (those come from the catalogue). */
export const TEXTS = {
  en: {
    start: 'Start',
    end: 'End',
    weekdayHour: 'Weekday and hour',
    occurrences: 'Such hours in range',
    disposition: 'Disposition',
    seconds: 's',
    hms: 'h:mm:ss',
  },
  ja: {
    start: '開始',
    end: '終了',
    weekdayHour: '曜日・時刻',
    occurrences: '期間内の該当時間数',
    disposition: '結果',
    seconds: '秒',
    hms: '時:分:秒',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** Decimals written: percentages 0.1 %, seconds 0.1 s, per-agent-hour rates 0.01. */
export const CSV_DECIMALS = { percent: 1, seconds: 1, rate: 2 } as const;

/** Whole seconds as h:mm:ss (hours not wrapped at 24): Excel reads it as a time. */
export function hms(ms: number): string {
  const total = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/** Minor-unit digits of a currency: 0 for JPY, 2 for USD. */
function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** `2026-11-24T09:00:00.000+09:00` → `2026-11-24 09:00:00+09:00`: local time, offset kept. */
export function localTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}${m[3] === 'Z' ? '+00:00' : m[3]}`;
}

/**
 * The export people open (`format=csv`): headers are each KPI's name in the reader's language
 * with its unit — 「サービスレベル (%)」, "ASA (s)" — ratios are percentages with one decimal,
 * durations are seconds with one decimal or h:mm:ss, money has the currency's decimals, times
 * are the tenant's local time with its offset (`2026-11-24 09:00:00+09:00`, the zone named in
 * the header), an undefined ratio is an empty cell.
 *
 * The choices are stated in the header row itself, on the columns they shape, rather than on
 * a metadata line above it: Excel would show such a line as a harmless first row, but pandas'
 * `read_csv`, R's `read.csv` and most CSV readers take the first line as the header and would
 * need to be told to skip it (a `sep=,` line is Excel-only and breaks the others the same way).
 * With the units in the headers, Excel, pandas (`encoding='utf-8-sig'`) and a person all read
 * the file as it is.
 */
export function historyToReadableCsv(history: KpiHistory, options: ReadableCsvOptions): string {
  const { language, durations, timezone, currency } = options;
  const text = TEXTS[language];
  const dispositions = dispositionsOf(history);
  const digits = currencyDigits(currency);
  const moneyUnit = language === 'ja' && currency === 'JPY' ? '円' : currency;

  const unitOf = (kpi: HistoryKpi): string => {
    switch (KPI_UNITS[kpi]) {
      case 'ratio':
        return ' (%)';
      case 'ms':
        return ` (${durations === 'hms' ? text.hms : text.seconds})`;
      case 'money':
        return ` (${moneyUnit})`;
      default:
        return '';
    }
  };
  const valueOf = (kpi: HistoryKpi, value: number | null): Cell => {
    if (value === null) return null;
    switch (KPI_UNITS[kpi]) {
      case 'ratio':
        return fixed(value * 100, CSV_DECIMALS.percent);
      case 'ms':
        return durations === 'hms' ? hms(value) : fixed(value / 1000, CSV_DECIMALS.seconds);
      case 'money':
        return fixed(value, digits);
      case 'rate':
        return fixed(value, CSV_DECIMALS.rate);
      default:
        return value;
    }
  };

  const groupBy = history.groupBy;
  const weekdayHour = groupBy === 'weekdayHour';
  // Time buckets need no key column: their start and end say which bucket a row is.
  const keyHeader: string[] = isTimeBucket(groupBy)
    ? []
    : groupBy === 'weekdayHour'
      ? [text.weekdayHour, text.occurrences]
      : [DIMENSION_LABELS[language][groupBy]];
  const header = [
    ...keyHeader,
    `${text.start} (${timezone})`,
    `${text.end} (${timezone})`,
    ...HISTORY_KPIS.map((kpi) => KPI_LABELS[language][kpi] + unitOf(kpi)),
    ...dispositions.map((d) => `${text.disposition}: ${d}`),
  ];
  const lines = history.rows.map((row): Cell[] => [
    ...(isTimeBucket(groupBy)
      ? []
      : weekdayHour
        ? [weekdayHourName(row.key, language), row.occurrences]
        : [row.key]),
    localTime(row.start),
    localTime(row.end),
    ...HISTORY_KPIS.map((kpi) => valueOf(kpi, row.kpis[kpi])),
    ...dispositions.map((d) => row.kpis.dispositions[d] ?? 0),
  ]);
  return csvText([header, ...lines]);
}

/** Rounded half away from zero to `digits` decimals, written with exactly that many. */
export function fixed(value: number, digits: number): Decimal {
  const scale = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
  return new Decimal((Object.is(rounded, -0) ? 0 : rounded).toFixed(digits));
}

/** `1-09` (ISO weekday 1, 09:00) → 「月 09:00–10:00」 / "Mon 09:00–10:00". */
function weekdayHourName(key: string, language: Language): string {
  const m = /^([1-7])-(\d\d)$/.exec(key);
  if (!m) return key;
  const hour = Number(m[2]);
  const next = String((hour + 1) % 24).padStart(2, '0');
  return `${WEEKDAY_LABELS[language][Number(m[1]) as IsoWeekday]} ${m[2]}:00–${next}:00`;
}

/**
 * The reader's language from an Accept-Language header: the first of Japanese or English by
 * preference (q), else Japanese, the product's home — as the wallboard picks its own.
 */
export function languageFrom(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLanguage) ?? LANGUAGES[0];
}
