import { windowKpisSchema, type KpiHistory } from '@mieruka/contracts';

/** The value columns, in the order of docs/kpis.md (dispositions get a column each). */
const VALUE_KEYS = Object.keys(windowKpisSchema.shape).filter((k) => k !== 'dispositions');

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

/**
 * KPI history as CSV: a row per bucket or breakdown value, a column per value (empty where a
 * ratio is undefined), then one `disposition:<name>` column per disposition that occurs.
 */
export function historyToCsv(history: KpiHistory): string {
  const dispositions = [
    ...new Set(history.rows.flatMap((row) => Object.keys(row.kpis.dispositions))),
  ].sort();
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
  // The byte-order mark lets Excel open Japanese queue and agent names as UTF-8.
  return (
    '\uFEFF' + [header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n'
  );
}
