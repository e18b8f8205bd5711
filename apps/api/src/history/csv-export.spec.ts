import type { Response } from 'express';
import { jsonOrCsv, type CsvWriters } from './csv-export';

/** A response that keeps the headers set on it, for a request with this Accept-Language. */
function response(acceptLanguage?: string) {
  const headers: Record<string, string> = {};
  const fake = {
    req: { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} },
    setHeader: (name: string, value: string) => (headers[name] = value),
  };
  return { headers, response: fake as unknown as Response };
}

const writers: CsvWriters<{ n: number }> = {
  stem: 'mieruka-acme-hour-2026-11-24',
  raw: (answer) => `raw ${answer.n}`,
  readable: (answer, language) => `${language} ${answer.n}`,
};

describe('jsonOrCsv', () => {
  it('answers JSON untouched, with no attachment headers', () => {
    const { headers, response: res } = response('en');
    const answer = { n: 1 };
    expect(jsonOrCsv(answer, { format: 'json' }, res, writers)).toBe(answer);
    expect(headers).toEqual({});
  });

  it('answers the raw CSV for scripts under a -raw name, without a language', () => {
    const { headers, response: res } = response('en');
    expect(jsonOrCsv({ n: 2 }, { format: 'csv-raw', lang: 'en' }, res, writers)).toBe('raw 2');
    expect(headers).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="mieruka-acme-hour-2026-11-24-raw.csv"',
    });
  });

  it('writes the readable CSV in lang, else in the Accept-Language, else in Japanese', () => {
    const chosen = response('en');
    expect(jsonOrCsv({ n: 3 }, { format: 'csv', lang: 'ja' }, chosen.response, writers)).toBe(
      'ja 3',
    );
    expect(chosen.headers['content-language']).toBe('ja');
    expect(chosen.headers['content-disposition']).toBe(
      'attachment; filename="mieruka-acme-hour-2026-11-24.csv"',
    );
    const asked = response('fr;q=0.9, en;q=0.8');
    expect(jsonOrCsv({ n: 4 }, { format: 'csv' }, asked.response, writers)).toBe('en 4');
    expect(asked.headers['content-language']).toBe('en');
    const none = response();
    expect(jsonOrCsv({ n: 5 }, { format: 'csv' }, none.response, writers)).toBe('ja 5');
  });
});
