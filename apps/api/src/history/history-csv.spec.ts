import { HISTORY_KPIS, type KpiHistory, type WindowKpis } from '@mieruka/contracts';
import {
  csvField,
  historyToRawCsv,
  historyToReadableCsv,
  hms,
  languageFrom,
  localTime,
  type ReadableCsvOptions,
} from './history-csv';

describe('csvField', () => {
  it.each([
    ['support', 'support'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['\r=1', '"\'\r=1"'],
    ['a,b', '"a,b"'],
  ])('writes the text %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('leaves numbers, negative ones too, and empty values as they are', () => {
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });
});

/** A row's values: zeros and nulls, then what the test sets. */
function kpis(values: Partial<WindowKpis>): WindowKpis {
  const base = Object.fromEntries(HISTORY_KPIS.map((k) => [k, 0])) as unknown as WindowKpis;
  return { ...base, dispositions: {}, ...values };
}

const HOURS: KpiHistory = {
  tenant: 'default',
  scope: 'tenant',
  groupBy: 'hour',
  from: '2026-11-24T09:00:00.000+09:00',
  to: '2026-11-24T11:00:00.000+09:00',
  rows: [
    {
      key: '2026-11-24T09:00:00.000+09:00',
      start: '2026-11-24T09:00:00.000+09:00',
      end: '2026-11-24T10:00:00.000+09:00',
      kpis: kpis({
        offered: 120,
        answered: 100,
        revenue: 123456,
        serviceLevel: 0.8,
        abandonRate: 0.08333333,
        asaMs: 23_456,
        ahtMs: 3_725_400,
        aov: 4115.2,
        ordersPerAgentHour: 1.23456,
        dispositions: { appointment: 3 },
      }),
    },
    {
      key: '2026-11-24T10:00:00.000+09:00',
      start: '2026-11-24T10:00:00.000+09:00',
      end: '2026-11-24T11:00:00.000+09:00',
      kpis: kpis({ serviceLevel: null, asaMs: null, ahtMs: null, aov: null }),
    },
  ],
};

const OPTIONS: ReadableCsvOptions = {
  language: 'ja',
  durations: 'seconds',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
};

/** The file as a table of cells (no quoted commas in these tests), BOM checked and removed. */
function table(csv: string): { header: string[]; rows: Record<string, string>[] } {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const [header, ...lines] = csv
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  return {
    header: header!,
    rows: lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!]))),
  };
}

describe('the readable CSV (format=csv)', () => {
  it('in Japanese: KPI names with units, percentages to 0.1, seconds to 0.1, yen whole', () => {
    const { header, rows } = table(historyToReadableCsv(HOURS, OPTIONS));
    expect(header.slice(0, 4)).toEqual([
      '開始 (Asia/Tokyo)',
      '終了 (Asia/Tokyo)',
      '着信数',
      '応答数',
    ]);
    expect(header).toContain('サービスレベル (%)');
    expect(header).toContain('平均応答速度 (ASA) (秒)');
    expect(header).toContain('売上 (円)');
    expect(header.at(-1)).toBe('結果: appointment');
    expect(header).toHaveLength(2 + HISTORY_KPIS.length + 1);
    expect(rows[0]).toMatchObject({
      '開始 (Asia/Tokyo)': '2026-11-24 09:00:00+09:00',
      '終了 (Asia/Tokyo)': '2026-11-24 10:00:00+09:00',
      着信数: '120',
      'サービスレベル (%)': '80.0',
      '放棄率 (%)': '8.3',
      '平均応答速度 (ASA) (秒)': '23.5',
      '平均処理時間 (AHT) (秒)': '3725.4',
      '売上 (円)': '123456',
      '平均注文単価 (円)': '4115',
      時間当たり受注数: '1.23',
      '結果: appointment': '3',
    });
  });

  it('keeps an undefined ratio or average as an empty cell, and a disposition absent as 0', () => {
    const { rows } = table(historyToReadableCsv(HOURS, OPTIONS));
    expect(rows[1]).toMatchObject({
      'サービスレベル (%)': '',
      '平均応答速度 (ASA) (秒)': '',
      '平均処理時間 (AHT) (秒)': '',
      '平均注文単価 (円)': '',
      '結果: appointment': '0',
    });
  });

  it('in English, with durations as h:mm:ss and money in the currency’s decimals', () => {
    const { header, rows } = table(
      historyToReadableCsv(HOURS, {
        language: 'en',
        durations: 'hms',
        timezone: 'Asia/Tokyo',
        currency: 'USD',
      }),
    );
    expect(header.slice(0, 3)).toEqual(['Start (Asia/Tokyo)', 'End (Asia/Tokyo)', 'Offered']);
    expect(header.at(-1)).toBe('Disposition: appointment');
    expect(rows[0]).toMatchObject({
      'Service level (%)': '80.0',
      'Abandon rate (%)': '8.3',
      'ASA (h:mm:ss)': '0:00:23',
      'AHT (h:mm:ss)': '1:02:05',
      'Revenue (USD)': '123456.00',
      'Average order value (USD)': '4115.20',
    });
    expect(rows[1]).toMatchObject({ 'ASA (h:mm:ss)': '', 'Service level (%)': '' });
  });

  it('names a breakdown’s column and keeps a formula-like name as text', () => {
    const byQueue: KpiHistory = {
      ...HOURS,
      groupBy: 'queue',
      rows: [
        { ...HOURS.rows[0]!, key: '=HYPERLINK("http://x","y")' },
        { ...HOURS.rows[1]!, key: '-2+3' },
      ],
    };
    const csv = historyToReadableCsv(byQueue, { ...OPTIONS, language: 'en' });
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]!.startsWith('Queue,Start (Asia/Tokyo),End (Asia/Tokyo),Offered,')).toBe(true);
    expect(
      lines[1]!.startsWith('"\'=HYPERLINK(""http://x"",""y"")",2026-11-24 09:00:00+09:00,'),
    ).toBe(true);
    expect(lines[2]!.startsWith("'-2+3,")).toBe(true);
    expect(table(historyToReadableCsv(byQueue, OPTIONS)).header[0]).toBe('キュー');
  });

  it('writes a negative amount as a number, not as text', () => {
    const refunds: KpiHistory = {
      ...HOURS,
      rows: [{ ...HOURS.rows[0]!, kpis: kpis({ revenue: -1250 }) }],
    };
    const { rows } = table(historyToReadableCsv(refunds, OPTIONS));
    expect(rows[0]!['売上 (円)']).toBe('-1250');
  });

  it('names weekday-and-hour rows and says how many such hours the range held', () => {
    const pattern: KpiHistory = {
      ...HOURS,
      groupBy: 'weekdayHour',
      rows: [{ ...HOURS.rows[0]!, key: '1-09', occurrences: 4 }],
    };
    const ja = table(historyToReadableCsv(pattern, OPTIONS));
    expect(ja.header.slice(0, 2)).toEqual(['曜日・時刻', '期間内の該当時間数']);
    expect(ja.rows[0]).toMatchObject({ 曜日・時刻: '月 09:00–10:00', 期間内の該当時間数: '4' });
    const en = table(historyToReadableCsv(pattern, { ...OPTIONS, language: 'en' }));
    expect(en.rows[0]!['Weekday and hour']).toBe('Mon 09:00–10:00');
  });
});

describe('the raw CSV (format=csv-raw)', () => {
  it('keeps the API’s keys, fractions, milliseconds and RFC 3339 times', () => {
    const { header, rows } = table(historyToRawCsv(HOURS));
    expect(header.slice(0, 4)).toEqual(['hour', 'start', 'end', 'offered']);
    expect(header.at(-1)).toBe('disposition:appointment');
    expect(rows[0]).toMatchObject({
      hour: '2026-11-24T09:00:00.000+09:00',
      serviceLevel: '0.8',
      asaMs: '23456',
      revenue: '123456',
    });
    expect(rows[1]!.serviceLevel).toBe('');
  });
});

describe('helpers', () => {
  it('writes durations as h:mm:ss, hours past 24 kept', () => {
    expect(hms(0)).toBe('0:00:00');
    expect(hms(59_500)).toBe('0:01:00');
    expect(hms(3_725_400)).toBe('1:02:05');
    expect(hms(90_000_000)).toBe('25:00:00');
  });

  it('writes local times with their offset', () => {
    expect(localTime('2026-11-01T01:30:00.000-04:00')).toBe('2026-11-01 01:30:00-04:00');
    expect(localTime('2026-11-01T01:30:00.000-05:00')).toBe('2026-11-01 01:30:00-05:00');
    expect(localTime('2026-11-24T18:40:00.001Z')).toBe('2026-11-24 18:40:00+00:00');
  });

  it.each([
    [undefined, 'ja'],
    ['', 'ja'],
    ['en-US,en;q=0.9', 'en'],
    ['ja-JP', 'ja'],
    ['fr-FR,en;q=0.8,ja;q=0.9', 'ja'],
    ['fr-FR, EN-gb;q=0.5', 'en'],
    ['de', 'ja'],
    ['en;q=0, ja;q=0.1', 'ja'],
  ])('takes the language of Accept-Language %j as %s', (header, language) => {
    expect(languageFrom(header)).toBe(language);
  });
});
