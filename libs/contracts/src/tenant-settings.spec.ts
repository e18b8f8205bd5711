import { SettingsError, defaultTenantSettings, parseSettingsFile } from './tenant-settings';

describe('tenant settings', () => {
  it('fills every default into an empty tenant', () => {
    expect(parseSettingsFile({})).toEqual([defaultTenantSettings('default')]);
    expect(defaultTenantSettings('osaka')).toMatchObject({
      tenant: { id: 'osaka', timezone: 'Asia/Tokyo', currency: 'JPY' },
      serviceLevel: { thresholdMs: 20000, shortAbandonMs: 5000, variant: 'abandons_count' },
      workingCalendar: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
      kgis: [],
    });
  });

  it('reads several tenants', () => {
    const tenants = parseSettingsFile({
      tenants: [
        { tenant: { id: 'tokyo' } },
        { tenant: { id: 'nyc', timezone: 'America/New_York', currency: 'USD' } },
      ],
    });
    expect(tenants.map((t) => [t.tenant.id, t.tenant.currency])).toEqual([
      ['tokyo', 'JPY'],
      ['nyc', 'USD'],
    ]);
  });

  it('names each problem', () => {
    const bad = {
      tenant: { timezone: 'Mars/Olympus', currency: 'yen' },
      workingCalendar: { start: '18:00', end: '09:00', days: [0] },
      kgis: [{ id: 'k', metric: 'happiness', target: -1, period: 'week' }],
    };
    expect(() => parseSettingsFile(bad)).toThrow(SettingsError);
    const message = (() => {
      try {
        parseSettingsFile(bad);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const part of [
      'tenant.timezone: must be an IANA time zone',
      'tenant.currency: must be an ISO 4217 code',
      'workingCalendar.days.0',
      'kgis.0.metric: must be one of revenue',
      'kgis.0.target: must be greater than 0',
      'kgis.0.period',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('takes a KGI of one scope, and the order metrics; refuses a scope that is no scope', () => {
    const [settings] = parseSettingsFile({
      kgis: [
        { id: 'blue', metric: 'paidOrders', target: 10, period: 'month', scope: 'team:blue' },
        { id: 'ship', metric: 'shippedOrders', target: 5, period: 'month' },
      ],
    });
    expect(settings!.kgis.map((k) => [k.metric, k.scope])).toEqual([
      ['paidOrders', 'team:blue'],
      ['shippedOrders', undefined],
    ]);
    for (const scope of ['tenant', 'floor:3', 'team:']) {
      expect(() =>
        parseSettingsFile({
          kgis: [{ id: 'k', metric: 'orders', target: 1, period: 'month', scope }],
        }),
      ).toThrow('kgis.0.scope: must be DIMENSION:VALUE');
    }
  });

  it('refuses a tenant configured twice', () => {
    expect(() =>
      parseSettingsFile({ tenants: [{ tenant: { id: 'a' } }, { tenant: { id: 'a' } }] }),
    ).toThrow('tenants: "a" is configured twice');
  });
});

describe('working calendar (v2)', () => {
  it('takes a country calendar among the holidays, alone or merged with dates', () => {
    const [merged] = parseSettingsFile({ workingCalendar: { holidays: ['jp', '2026-12-29'] } });
    expect(merged!.workingCalendar.holidays).toEqual(['jp', '2026-12-29']);
    const [bare] = parseSettingsFile({ workingCalendar: { holidays: 'jp' } });
    expect(bare!.workingCalendar.holidays).toEqual(['jp']);
  });

  it('keeps a v1 calendar as it was: no hours key appears', () => {
    const [v1] = parseSettingsFile({ workingCalendar: { holidays: ['2026-11-03'] } });
    expect(v1!.workingCalendar).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      holidays: ['2026-11-03'],
    });
  });

  it('takes opening hours per ISO weekday', () => {
    const [s] = parseSettingsFile({
      workingCalendar: {
        days: [1, 2, 3, 4, 5, 6],
        hours: { '6': { start: '09:00', end: '13:00' } },
      },
    });
    expect(s!.workingCalendar.hours).toEqual({ '6': { start: '09:00', end: '13:00' } });
  });

  it('names a bad country, weekday or span', () => {
    const bad = {
      workingCalendar: {
        holidays: ['us', '2026-02-30'],
        hours: { '6': { start: '13:00', end: '09:00' }, '8': { start: '09:00', end: '10:00' } },
      },
    };
    const message = (() => {
      try {
        parseSettingsFile(bad);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('workingCalendar.holidays');
    expect(message).toContain('country calendar (jp)');
    expect(message).toContain('workingCalendar.hours.6.end: start must be before end');
    expect(message).toContain('workingCalendar.hours');
    expect(message).not.toBe('');
  });
});
