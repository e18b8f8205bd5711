import { describe, expect, it } from '@jest/globals';
import type { KgiProgress, KpiHistoryRow, WindowKpis } from '@mieruka/contracts';
import { funnelOption, funnelSteps } from './funnel';
import { heatmapOption, weekdayHourCells } from './heatmap';
import { bucketLabel, historyBarOption, historyLineOption } from './history';
import { kgiDayValue, kgiHistoryOption } from './kgi-history';
import { sparklineOption } from './sparkline';

const zero: WindowKpis = {
  offered: 0,
  answered: 0,
  answeredInSL: 0,
  abandoned: 0,
  shortAbandoned: 0,
  abandonedCallerHangup: 0,
  abandonedTimeout: 0,
  abandonedKey: 0,
  abandonedEmpty: 0,
  abandonedOther: 0,
  dialed: 0,
  connectedOutbound: 0,
  failedDials: 0,
  dialOutcomes: { connected: 0 },
  wrapped: 0,
  orders: 0,
  cancelledOrders: 0,
  netOrders: 0,
  revenue: 0,
  dispositions: {},
  paidOrders: 0,
  heldOrders: 0,
  shippedOrders: 0,
  returnedOrders: 0,
  wrongItemReturns: 0,
  serviceLevel: null,
  abandonRate: null,
  asaMs: null,
  ahtMs: null,
  connectRate: null,
  conversionRate: null,
  aov: null,
  fcr: null,
  occupancy: null,
  utilization: null,
  ordersPerAgentHour: null,
  wrongItemRate: null,
};
const row = (start: string, kpis: Partial<WindowKpis>, key = start): KpiHistoryRow => ({
  key,
  start,
  end: start,
  kpis: { ...zero, ...kpis },
});
/** The one series of an option, typed loosely for reading in tests. */
const series = (option: { series?: unknown }): Record<string, unknown>[] =>
  option.series as Record<string, unknown>[];

describe('sparklineOption', () => {
  it('draws the points as given, a missing value as a gap, without animation or axes', () => {
    const option = sparklineOption([
      [1, 0.5],
      [2, null],
      [3, 0.7],
    ]);
    expect(option.animation).toBe(false);
    expect(series(option)[0]).toMatchObject({
      type: 'line',
      connectNulls: false,
      data: [
        [1, 0.5],
        [2, null],
        [3, 0.7],
      ],
    });
    expect(option.xAxis).toMatchObject({ show: false });
  });
});

describe('funnelSteps / funnelOption', () => {
  // As the snapshot has them: conversion counts inbound answered calls too (docs/kpis.md).
  const w = {
    ...zero,
    dialed: 1431,
    connectedOutbound: 435,
    answered: 65,
    orders: 286,
    dispositions: { appointment: 76 },
    connectRate: 435 / 1431,
    conversionRate: 286 / 500,
  };
  const labels = {
    dialed: 'Dialed',
    connected: 'Connected',
    orders: 'Orders',
    appointments: 'Appointments',
  };

  it("shows the snapshot's connect rate and conversion, and appointments per connected call", () => {
    const steps = funnelSteps(w, labels);
    expect(steps.map((s) => [s.name, s.value])).toEqual([
      ['Dialed', 1431],
      ['Connected', 435],
      ['Appointments', 76],
      ['Orders', 286],
    ]);
    expect(steps[1]?.rate).toBeCloseTo(435 / 1431);
    expect(steps[2]?.rate).toBeCloseTo(76 / 435);
    expect(steps[3]?.rate).toBe(286 / 500);
  });

  it('has no rate over nothing, and labels each step with its number per locale', () => {
    const steps = funnelSteps(zero, labels);
    expect(steps.map((s) => s.rate)).toEqual([null, null, null, null]);
    const data = series(funnelOption(funnelSteps(w, labels), 'en-US'))[0]?.['data'] as {
      label: { formatter: string };
    }[];
    expect(data.map((d) => d.label.formatter)).toEqual([
      'Dialed  1,431',
      'Connected  435  30.4%',
      'Appointments  76  17.5%',
      'Orders  286  57.2%',
    ]);
  });
});

describe('history charts', () => {
  const rows = [
    row('2026-11-24T09:00:00.000+09:00', { serviceLevel: 0.8, asaMs: 12_345 }),
    row('2026-11-24T10:00:00.000+09:00', { serviceLevel: null, asaMs: null }),
  ];

  it('labels buckets in their own local time and plots ratios as percentages', () => {
    expect(bucketLabel('2026-11-24T09:15:00.000+09:00')).toBe('11-24 09:15');
    const option = historyLineOption('serviceLevel', [{ name: 'Total', rows }]);
    expect(option.xAxis).toMatchObject({ data: ['11-24 09:00', '11-24 10:00'] });
    expect(series(option)[0]).toMatchObject({ name: 'Total', data: [80, null] });
    expect(option.legend).toMatchObject({ show: false });
  });

  it('plots times in seconds and shows a legend for several lines', () => {
    const option = historyLineOption('asaMs', [
      { name: 'a', rows },
      { name: 'b', rows },
    ]);
    expect(series(option).map((s) => s['data'])).toEqual([
      [12.3, null],
      [12.3, null],
    ]);
    expect(option.legend).toMatchObject({ show: true });
  });

  it('sorts a breakdown largest first, values that do not exist last', () => {
    const option = historyBarOption('answered', [
      row('x', { answered: 3 }, 'support'),
      row('x', { answered: 9 }, 'orders'),
      row('x', { answered: 0 }, 'sales'),
    ]);
    expect(option.xAxis).toMatchObject({ data: ['orders', 'support', 'sales'] });
    expect(series(option)[0]?.['data']).toEqual([9, 3, 0]);
  });
});

describe('weekday × hour heatmap', () => {
  // As the API answers groupBy=weekdayHour: Tuesdays 10:00 (two of them in the range), and
  // Wednesdays 10:00 (one, with nothing to rate).
  const rows: KpiHistoryRow[] = [
    { ...row('x', { offered: 40, serviceLevel: 26 / 30 }, '2-10'), occurrences: 2 },
    { ...row('x', { offered: 4, serviceLevel: null }, '3-10'), occurrences: 1 },
  ];
  const cell = (cells: ReturnType<typeof weekdayHourCells>, weekday: number, hour: number) =>
    cells.find((c) => c.weekday === weekday && c.hour === hour)?.value;

  it('shows offered calls per such hour of the range', () => {
    const cells = weekdayHourCells(rows, 'offered');
    expect(cells).toHaveLength(7 * 24);
    expect(cell(cells, 2, 10)).toBe(20); // 40 over 2 Tuesdays
    expect(cell(cells, 3, 10)).toBe(4);
    expect(cell(cells, 1, 10)).toBeNull(); // not in the range
  });

  it('shows the service level the API computed, and nothing where there is nothing to rate', () => {
    const cells = weekdayHourCells(rows, 'serviceLevel');
    expect(cell(cells, 2, 10)).toBeCloseTo(26 / 30);
    expect(cell(cells, 3, 10)).toBeNull(); // not 0 %
  });

  it('puts Monday on top and service level on a 0–100 scale', () => {
    const option = heatmapOption(weekdayHourCells(rows, 'serviceLevel'), 'serviceLevel', [
      'M',
      'T',
      'W',
      'T',
      'F',
      'S',
      'S',
    ]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 100 });
    expect(series(option)[0]?.['data']).toEqual([[10, 1, 86.7]]);
  });
});

describe('kgiHistoryOption', () => {
  const kgi: KgiProgress = {
    id: 'nov-appointments',
    metric: 'disposition:appointment',
    target: 100,
    periodStart: '2026-11-01T00:00:00.000+09:00',
    periodEnd: '2026-11-30T23:59:59.999+09:00',
    actual: 30,
    progress: 0.3,
    expectedFraction: 0.5,
    pace: 0.6,
    projected: 60,
    remainingWorkingDays: 10,
    requiredPerWorkingDay: 7,
    status: 'behind',
  };
  const days = [
    row('2026-11-01T00:00:00.000+09:00', { dispositions: { appointment: 10 }, revenue: 5 }),
    row('2026-11-02T00:00:00.000+09:00', { dispositions: {} }),
    row('2026-11-03T00:00:00.000+09:00', { dispositions: { appointment: 20 } }),
  ];

  it('reads the KGI metric from a day row, dispositions included', () => {
    expect(kgiDayValue('disposition:appointment', days[0]!)).toBe(10);
    expect(kgiDayValue('revenue', days[0]!)).toBe(5);
    expect(kgiDayValue('disposition:sale', days[0]!)).toBe(0);
  });

  it('draws the running total against the target and the projected end', () => {
    const option = kgiHistoryOption(kgi, days);
    const line = series(option)[0]!;
    expect(line['data']).toEqual([10, 10, 30]);
    const marks = (line['markLine'] as { data: { name: string; yAxis: number }[] }).data;
    expect(marks.map((m) => [m.name, m.yAxis])).toEqual([
      ['target', 100],
      ['projected', 60],
    ]);
  });
});
