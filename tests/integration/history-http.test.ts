import { parseSettingsFile, type KpiHistory } from '@mieruka/contracts';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { differences } from '../support/golden';
import {
  scenarioCases,
  scenarioConfig,
  scenarioEvents,
  scenarioExpected,
} from '../support/scenarios';
import { postEvents, startTestApp, type TestApp } from '../support/test-app';

const SCENARIO = '002-day-tokyo';
const tenants = () => new TenantDirectory(parseSettingsFile(scenarioConfig(SCENARIO)));
const caseAt = (name: string) => scenarioCases(SCENARIO).find((c) => c.name === name)!.at;
const MIDNIGHT = '2026-11-24T00:00:00.000+09:00';

/** The scenario's day ingested, in order, with the receiving clock at a case's time. */
async function dayAt(at: string): Promise<TestApp> {
  const app = await startTestApp({ at, tenants: tenants() });
  try {
    await postEvents(app, scenarioEvents(SCENARIO));
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function history(app: TestApp, query: Record<string, string>): Promise<KpiHistory> {
  const response = await app.get(`/api/v1/kpis?${new URLSearchParams(query).toString()}`);
  expect(response.status).toBe(200);
  return (await response.json()) as KpiHistory;
}

type Windows = Record<string, Record<string, unknown>>;
const windowsOf = (name: string) => scenarioExpected(SCENARIO, name).windows as Windows;

/**
 * History rows checked against the independent reference: a bucket ending just after `at`
 * holds exactly what the snapshot's window held at `at` (the day row = `today`, the last
 * quarter hour = `interval`).
 */
describe('GET /api/v1/kpis', () => {
  describe('at the evening case', () => {
    let app: TestApp;
    const at = caseAt('evening');
    beforeAll(async () => {
      app = await dayAt(at);
    });
    afterAll(() => app.close());

    it('gives the day as the golden today window, and the last quarter hour as interval', async () => {
      const day = await history(app, { groupBy: 'day', from: MIDNIGHT });
      expect(day.rows).toHaveLength(1);
      expect(day.rows[0]).toMatchObject({ start: MIDNIGHT, end: '2026-11-24T18:40:00.001+09:00' });
      expect(differences(windowsOf('evening').today, day.rows[0]!.kpis)).toEqual([]);

      const quarters = await history(app, { groupBy: '15m', from: MIDNIGHT });
      expect(quarters.rows).toHaveLength(4 * 18 + 3);
      expect(quarters.rows.at(-1)!.start).toBe('2026-11-24T18:30:00.000+09:00');
      expect(differences(windowsOf('evening').interval, quarters.rows.at(-1)!.kpis)).toEqual([]);
    });

    it('splits the day into hours that add up to it, every hour present', async () => {
      const hours = await history(app, { groupBy: 'hour' });
      expect(hours.from).toBe(MIDNIGHT);
      expect(hours.rows.map((r) => r.key.slice(11, 16))).toEqual(
        Array.from({ length: 19 }, (_, h) => `${String(h).padStart(2, '0')}:00`),
      );
      const today = windowsOf('evening').today as { offered: number; revenue: number };
      const sum = (key: 'offered' | 'revenue') =>
        hours.rows.reduce((total, row) => total + row.kpis[key], 0);
      expect(sum('offered')).toBe(today.offered);
      expect(sum('revenue')).toBeCloseTo(today.revenue, 2);
      expect(hours.rows[3]!.kpis.offered).toBe(0); // 03:00: the centre is closed
      expect(hours.rows[3]!.kpis.serviceLevel).toBeNull();
    });

    /** The CSV answer of a query, BOM checked and removed, as header and rows of cells. */
    async function csv(
      query: Record<string, string>,
      headers: Record<string, string> = {},
    ): Promise<{ response: Response; header: string[]; lines: string[][] }> {
      const response = await fetch(
        `${app.url}/api/v1/kpis?${new URLSearchParams(query).toString()}`,
        { headers: { authorization: `Bearer ${await app.adminToken()}`, ...headers } },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const [header, ...lines] = text
        .slice(1)
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(','));
      return { response, header: header!, lines };
    }

    it('exports the raw rows as CSV for scripts (format=csv-raw), with a BOM for Excel', async () => {
      const query = { groupBy: 'hour', from: MIDNIGHT };
      const json = await history(app, query);
      const { response, header: columns, lines } = await csv({ ...query, format: 'csv-raw' });
      expect(response.headers.get('content-disposition')).toContain('-raw.csv');
      expect(columns.slice(0, 4)).toEqual(['hour', 'start', 'end', 'offered']);
      expect(lines).toHaveLength(json.rows.length);
      lines.forEach((cells, i) => {
        const row = json.rows[i]!;
        expect(cells[0]).toBe(row.key);
        for (const key of ['offered', 'answered', 'revenue', 'serviceLevel'] as const) {
          const cell = cells[columns.indexOf(key)]!;
          expect(cell === '' ? null : Number(cell)).toBe(row.kpis[key]);
        }
        for (const [name, n] of Object.entries(row.kpis.dispositions))
          expect(Number(cells[columns.indexOf(`disposition:${name}`)])).toBe(n);
      });
    });

    it('exports for people in the reader’s language: names with units, percentages, seconds', async () => {
      const query = { groupBy: 'hour', from: MIDNIGHT };
      const json = await history(app, query);
      // No lang: the request's Accept-Language decides.
      const ja = await csv({ ...query, format: 'csv' }, { 'accept-language': 'ja-JP,ja;q=0.9' });
      expect(ja.response.headers.get('content-language')).toBe('ja');
      expect(ja.response.headers.get('content-disposition')).toContain(
        'filename="mieruka-default-hour-2026-11-24.csv"',
      );
      expect(ja.header.slice(0, 3)).toEqual(['開始 (Asia/Tokyo)', '終了 (Asia/Tokyo)', '着信数']);
      const col = (name: string) => {
        expect(ja.header).toContain(name);
        return ja.header.indexOf(name);
      };
      expect(ja.lines).toHaveLength(json.rows.length);
      ja.lines.forEach((cells, i) => {
        const { kpis, start } = json.rows[i]!;
        expect(cells[0]).toBe(start.replace('T', ' ').replace('.000', ''));
        expect(Number(cells[col('着信数')])).toBe(kpis.offered);
        const sl = cells[col('サービスレベル (%)')]!;
        if (kpis.serviceLevel === null) expect(sl).toBe('');
        else {
          expect(sl).toMatch(/^\d+\.\d$/);
          expect(Number(sl)).toBeCloseTo(kpis.serviceLevel * 100, 1);
        }
        const asa = cells[col('平均応答速度 (ASA) (秒)')]!;
        if (kpis.asaMs === null) expect(asa).toBe('');
        else expect(Number(asa)).toBeCloseTo(kpis.asaMs / 1000, 1);
        expect(Number(cells[col('売上 (円)')])).toBe(Math.round(kpis.revenue));
      });
      expect(json.rows.some((row) => row.kpis.serviceLevel !== null)).toBe(true);
      expect(json.rows.some((row) => row.kpis.serviceLevel === null)).toBe(true);

      // lang and durations said in the query win over the header.
      const en = await csv(
        { ...query, format: 'csv', lang: 'en', durations: 'hms' },
        { 'accept-language': 'ja' },
      );
      expect(en.response.headers.get('content-language')).toBe('en');
      expect(en.header.slice(0, 3)).toEqual(['Start (Asia/Tokyo)', 'End (Asia/Tokyo)', 'Offered']);
      expect(en.header).toContain('Service level (%)');
      const aht = en.header.indexOf('AHT (h:mm:ss)');
      expect(aht).toBeGreaterThan(0);
      const busy = json.rows.findIndex((row) => row.kpis.ahtMs !== null);
      const [h, m, sec] = en.lines[busy]![aht]!.split(':').map(Number);
      expect(h! * 3600 + m! * 60 + sec!).toBe(Math.round(json.rows[busy]!.kpis.ahtMs! / 1000));
    });

    it('explains a bad request', async () => {
      const problem = async (query: string) => {
        const response = await app.get(`/api/v1/kpis?${query}`);
        expect(response.status).toBe(400);
        return ((await response.json()) as { detail: string }).detail;
      };
      expect(await problem('groupBy=week')).toContain('groupBy: must be one of 15m, hour, day');
      expect(await problem('groupBy=hour&from=yesterday')).toContain('from: not an RFC 3339');
      expect(await problem('groupBy=15m&from=2025-01-01T00:00:00Z')).toContain(
        'more than 3000 15m buckets',
      );
      expect(await problem(`groupBy=day&from=2026-11-25T00:00:00Z`)).toContain(
        'from: must be before to',
      );
      expect(await problem('groupBy=hour&format=csv&lang=fr')).toContain('lang: must be ja or en');
      expect(await problem('groupBy=hour&format=csv&durations=ms')).toContain(
        'durations: must be seconds or hms',
      );
    });
  });

  it('breaks the day down by queue as the golden queue scope saw it', async () => {
    const app = await dayAt(caseAt('queue-support'));
    try {
      const byQueue = await history(app, { groupBy: 'queue', from: MIDNIGHT });
      const support = byQueue.rows.find((r) => r.key === 'support');
      expect(support).toBeDefined();
      expect(differences(windowsOf('queue-support').today, support!.kpis)).toEqual([]);
      expect(byQueue.rows.length).toBeGreaterThan(1);
    } finally {
      await app.close();
    }
  });
});
