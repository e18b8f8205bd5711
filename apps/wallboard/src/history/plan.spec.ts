import { describe, expect, it } from '@jest/globals';
import type { KpiHistoryRow } from '@mieruka/contracts';
import * as planning from './plan';
import { viewFromQuery } from './view';

// The server's today as it answers today's day row: Tokyo, 18:40 local.
const today = { from: '2026-11-24T00:00:00.000+09:00', to: '2026-11-24T18:40:00.001+09:00' };
const anchor = planning.anchorOf(today, 'Asia/Tokyo');

const row = (key: string, serviceLevel: number | null): KpiHistoryRow =>
  ({ key, kpis: { serviceLevel } }) as unknown as KpiHistoryRow;

describe('history planning', () => {
  it('anchors on the server’s midnight and now, never the browser’s clock', () => {
    expect(planning.todayRequest('acme', { scope: 'queue:sales' })).toEqual({
      tenant: 'acme',
      scope: 'queue:sales',
      groupBy: 'day',
    });
    expect(anchor).toEqual({
      midnight: Date.parse('2026-11-24T00:00:00+09:00'),
      now: Date.parse('2026-11-24T18:40:00+09:00'),
      timeZone: 'Asia/Tokyo',
    });
  });

  it('asks for the chart, the breakdown, the weekday × hour map, the agents and the orders over one range', () => {
    const view = viewFromQuery({ kpi: 'answered', range: '7d', by: 'day', breakdown: 'team' });
    const plan = planning.planHistory(view, 'acme', anchor);
    const span = { from: '2026-11-18T00:00:00.000+09:00', to: '2026-11-24T18:40:00.001+09:00' };
    expect(plan.span).toEqual(span);
    const ask = (groupBy: string) => ({ tenant: 'acme', scope: 'tenant', groupBy, ...span });
    expect(plan.line).toEqual(ask('day'));
    expect(plan.breakdown).toEqual(ask('team'));
    expect(plan.week).toEqual(ask('weekdayHour'));
    expect(plan.agents).toEqual(ask('agent'));
    expect(plan.orders).toEqual({ tenant: 'acme', scope: 'tenant', ...span });
    expect(planning.breakdownLineRequest(plan, view, 'blue')).toEqual({
      ...ask('day'),
      scope: 'team:blue',
    });
  });

  it('asks for no breakdown when the view has none, and a custom range of local dates', () => {
    const view = viewFromQuery({
      range: 'custom',
      from: '2026-11-01',
      to: '2026-11-02',
      breakdown: 'none',
      scope: 'queue:sales',
    });
    const plan = planning.planHistory(view, 'acme', anchor);
    expect(plan.breakdown).toBeNull();
    expect(plan.line).toEqual({
      tenant: 'acme',
      scope: 'queue:sales',
      groupBy: 'hour',
      from: '2026-11-01T00:00:00.000+09:00',
      to: '2026-11-03T00:00:00.000+09:00',
    });
  });

  it('draws lines for the highest breakdown values by the KPI, skipping empty ones, five at most', () => {
    const rows = [
      row('a', 0.5),
      row('b', null),
      row('c', 0.9),
      row('d', 0.7),
      row('e', 0.1),
      row('f', 0.3),
      row('g', 0.2),
    ];
    expect(planning.topBreakdownKeys(rows, 'serviceLevel')).toEqual(['c', 'd', 'a', 'f', 'g']);
    expect(planning.topBreakdownKeys(rows, 'serviceLevel', 2)).toEqual(['c', 'd']);
    expect(planning.topBreakdownKeys([], 'serviceLevel')).toEqual([]);
  });

  it('reads a KGI’s days from its period’s start to the server’s now', () => {
    const view = viewFromQuery({ scope: 'team:blue' });
    expect(
      planning.kgiDaysRequest({ periodStart: '2026-11-01T00:00:00+09:00' }, 'acme', view, anchor),
    ).toEqual({
      tenant: 'acme',
      scope: 'team:blue',
      groupBy: 'day',
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-11-24T18:40:00.001+09:00',
    });
  });
});
