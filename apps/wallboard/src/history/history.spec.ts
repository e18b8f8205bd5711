import { describe, expect, it } from '@jest/globals';
import { TILE_KINDS, type KpiHistoryRow } from '@mieruka/contracts';
import { isHistoryKpi } from '../kpi/kpi-keys';
import { sortAgentRows } from './agents';
import { isoInZone, localMidnight, resolveRange, zoneOffsetMinutes, type Anchor } from './range';
import { queryFromView, tileHistoryQuery, viewFromQuery } from './view';

describe('ranges from the server’s today', () => {
  const tokyo: Anchor = {
    midnight: Date.parse('2026-11-24T00:00:00+09:00'),
    now: Date.parse('2026-11-24T18:40:00+09:00'),
    timeZone: 'Asia/Tokyo',
  };
  const iso = (range: { from: number; to: number }) => [
    isoInZone(range.from, 'Asia/Tokyo'),
    isoInZone(range.to, 'Asia/Tokyo'),
  ];

  it('knows local midnights and offsets, DST included', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-11-24T00:00:00Z'), 'Asia/Tokyo')).toBe(540);
    expect(isoInZone(localMidnight('2026-11-01', 'America/New_York'), 'America/New_York')).toBe(
      '2026-11-01T00:00:00.000-04:00',
    );
    expect(isoInZone(localMidnight('2026-11-02', 'America/New_York'), 'America/New_York')).toBe(
      '2026-11-02T00:00:00.000-05:00',
    );
  });

  it('resolves today, yesterday, 7 and 30 days, and a custom range of local dates', () => {
    expect(iso(resolveRange('today', tokyo))).toEqual([
      '2026-11-24T00:00:00.000+09:00',
      '2026-11-24T18:40:00.001+09:00',
    ]);
    expect(iso(resolveRange('yesterday', tokyo))).toEqual([
      '2026-11-23T00:00:00.000+09:00',
      '2026-11-24T00:00:00.000+09:00',
    ]);
    expect(iso(resolveRange('7d', tokyo))[0]).toBe('2026-11-18T00:00:00.000+09:00');
    expect(iso(resolveRange('30d', tokyo))[0]).toBe('2026-10-26T00:00:00.000+09:00');
    expect(iso(resolveRange('custom', tokyo, { from: '2026-11-02', to: '2026-11-06' }))).toEqual([
      '2026-11-02T00:00:00.000+09:00',
      '2026-11-07T00:00:00.000+09:00',
    ]);
    // A custom range that reaches today ends now; one backwards is one day.
    expect(iso(resolveRange('custom', tokyo, { from: '2026-11-24', to: '2026-11-30' }))[1]).toBe(
      '2026-11-24T18:40:00.001+09:00',
    );
    expect(iso(resolveRange('custom', tokyo, { from: '2026-11-05', to: '2026-11-01' }))[1]).toBe(
      '2026-11-06T00:00:00.000+09:00',
    );
  });

  it('counts a DST day as its own length', () => {
    const ny: Anchor = {
      midnight: Date.parse('2026-11-02T00:00:00-05:00'),
      now: Date.parse('2026-11-02T12:00:00-05:00'),
      timeZone: 'America/New_York',
    };
    const yesterday = resolveRange('yesterday', ny);
    expect(yesterday.to - yesterday.from).toBe(25 * 3_600_000);
  });
});

describe('the view in the address', () => {
  it('reads defaults for anything missing or unknown, and writes only what differs', () => {
    const view = viewFromQuery({
      kpi: 'nope',
      range: '7d',
      by: 'day',
      breakdown: 'agent',
      from: '2026-13',
      sort: 'fcr',
    });
    expect(view).toMatchObject({
      kpi: 'serviceLevel',
      range: '7d',
      by: 'day',
      breakdown: 'agent',
      from: undefined,
      sort: 'fcr',
      dir: 'desc',
    });
    expect(queryFromView(view)).toEqual({
      range: '7d',
      by: 'day',
      breakdown: 'agent',
      sort: 'fcr',
    });
    expect(viewFromQuery(queryFromView(view))).toEqual(view);
  });

  it('opens a tile’s drill-down on its KPI, scope and tenant, bucketed like its window', () => {
    expect(
      tileHistoryQuery({ kind: 'asaMs', scope: 'queue:support', window: 'rolling15' }, 'east'),
    ).toEqual({ kpi: 'asaMs', by: '15m', scope: 'queue:support', tenant: 'east' });
    // The default KPI is named all the same: the link says which number was clicked.
    expect(
      tileHistoryQuery({ kind: 'serviceLevel', scope: 'tenant', window: 'today' }, null),
    ).toEqual({ kpi: 'serviceLevel' });
    expect(
      tileHistoryQuery({ kind: 'abandonRate', scope: 'team:blue', window: 'rolling60' }, 'default'),
    ).toEqual({ kpi: 'abandonRate', scope: 'team:blue', tenant: 'default' });
    // A leaderboard opens the number it ranks by, agent by agent.
    const leaderboard = { by: 'revenue', top: 5, hideNames: false } as const;
    expect(
      tileHistoryQuery(
        { kind: 'leaderboard', scope: 'campaign:k1', window: 'today', leaderboard },
        null,
      ),
    ).toEqual({ kpi: 'revenue', scope: 'campaign:k1', breakdown: 'agent' });
    // Every tile opens a KPI the page can chart and define, and reads back as that view.
    for (const kind of TILE_KINDS) {
      const query = tileHistoryQuery({ kind, scope: 'tenant', window: 'interval' }, 'default');
      expect([kind, isHistoryKpi(query['kpi'])]).toEqual([kind, true]);
      expect(viewFromQuery(query)).toMatchObject({ kpi: query['kpi'], by: '15m' });
    }
  });
});

describe('sortAgentRows', () => {
  const row = (key: string, answered: number, fcr: number | null) =>
    ({ key, start: '', end: '', kpis: { answered, fcr } }) as unknown as KpiHistoryRow;
  const rows = [row('b', 3, null), row('a', 9, 0.5), row('c', 3, 0.9)];

  it('sorts either way, ties by agent, values that do not exist last', () => {
    expect(sortAgentRows(rows, 'answered', 'desc').map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(sortAgentRows(rows, 'answered', 'asc').map((r) => r.key)).toEqual(['b', 'c', 'a']);
    expect(sortAgentRows(rows, 'fcr', 'asc').map((r) => r.key)).toEqual(['a', 'c', 'b']);
    expect(sortAgentRows(rows, 'fcr', 'desc').map((r) => r.key)).toEqual(['c', 'a', 'b']);
    expect(sortAgentRows(rows, 'key', 'asc').map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });
});
