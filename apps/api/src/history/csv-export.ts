import type { Response } from 'express';
import { z } from 'zod';
import { LANGUAGES, type Language } from '@mieruka/contracts';
import { languageFrom } from './history-csv';

/** The query fields of every read that exports CSV (history, order drill-down). */
export const csvExportQuery = {
  /** `csv`: for people (names and units in `lang`); `csv-raw`: the API's keys, for scripts. */
  format: z
    .enum(['json', 'csv', 'csv-raw'], { error: 'must be json, csv or csv-raw' })
    .default('json'),
  /** The readable CSV's language (default: the request's Accept-Language, else ja). */
  lang: z.enum(LANGUAGES, { error: 'must be ja or en' }).optional(),
};

export interface CsvExportChoice {
  readonly format: 'json' | 'csv' | 'csv-raw';
  readonly lang?: Language | undefined;
}

/**
 * Makes the answer a CSV attachment named `<stem>.csv` (`<stem>-raw.csv` for scripts); for
 * the readable file also its Content-Language. Returns the language a readable file is written
 * in, or undefined for the raw one.
 */
export function csvAttachment(
  response: Response,
  stem: string,
  choice: CsvExportChoice,
  acceptLanguage: string | undefined,
): Language | undefined {
  const raw = choice.format === 'csv-raw';
  response.setHeader('content-type', 'text/csv; charset=utf-8');
  response.setHeader(
    'content-disposition',
    `attachment; filename="${stem}${raw ? '-raw' : ''}.csv"`,
  );
  if (raw) return undefined;
  const language = choice.lang ?? languageFrom(acceptLanguage);
  response.setHeader('content-language', language);
  return language;
}

/** How a read's answer is written as CSV: the file's stem, for scripts and for people. */
export interface CsvWriters<T> {
  readonly stem: string;
  readonly raw: (answer: T) => string;
  readonly readable: (answer: T, language: Language) => string;
}

/**
 * A read's answer as `format` asks: the JSON itself, or a CSV attachment for scripts
 * (`csv-raw`) or for people (`csv`, in `lang`, else the request's Accept-Language).
 */
export function jsonOrCsv<T>(
  answer: T,
  choice: CsvExportChoice,
  response: Response,
  csv: CsvWriters<T>,
): T | string {
  if (choice.format === 'json') return answer;
  const acceptLanguage = response.req.headers['accept-language'];
  const language = csvAttachment(response, csv.stem, choice, acceptLanguage);
  return language ? csv.readable(answer, language) : csv.raw(answer);
}
