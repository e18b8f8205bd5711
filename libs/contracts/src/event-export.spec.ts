import { MAX_EXPORT_DAYS, eventExportQuerySchema, eventsExported } from './event-export';

const FROM = '2026-11-24T00:00:00.000+09:00';
const messages = (query: Record<string, string>): string[] => {
  const parsed = eventExportQuerySchema.safeParse(query);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the event export query', () => {
  it('takes a range with defaults for tenant and scope', () => {
    expect(
      eventExportQuerySchema.parse({ from: FROM, to: '2026-11-25T00:00:00.000+09:00' }),
    ).toEqual({
      tenant: 'default',
      scope: 'tenant',
      from: FROM,
      to: '2026-11-25T00:00:00.000+09:00',
    });
    expect(
      eventExportQuerySchema.parse({
        tenant: 'osaka',
        scope: 'team:blue',
        from: FROM,
        to: '2026-11-24T00:15:00.000+09:00',
      }),
    ).toMatchObject({ tenant: 'osaka', scope: 'team:blue' });
  });

  it('needs both ends, with an offset', () => {
    expect(messages({ from: FROM })).toEqual(['to: must be a string']);
    expect(messages({ from: '2026-11-24 00:00', to: '2026-11-25T00:00:00Z' })[0]).toMatch(
      /^from: not an RFC 3339 timestamp/,
    );
  });

  it('refuses an empty or backwards range', () => {
    expect(messages({ from: FROM, to: FROM })).toEqual(['to: must be after from']);
    expect(messages({ from: FROM, to: '2026-11-23T23:59:59.999+09:00' })).toEqual([
      'to: must be after from',
    ]);
  });

  it(`allows ${MAX_EXPORT_DAYS} days and not a millisecond more`, () => {
    expect(messages({ from: FROM, to: '2026-12-25T00:00:00.000+09:00' })).toEqual([]);
    expect(messages({ from: FROM, to: '2026-12-25T00:00:00.001+09:00' })).toEqual([
      `to: must be at most ${MAX_EXPORT_DAYS} days after from`,
    ]);
  });

  it('refuses a scope of an unknown dimension and a bad tenant', () => {
    const to = '2026-11-25T00:00:00Z';
    expect(messages({ from: FROM, to, scope: 'floor:3' })[0]).toMatch(/^scope: /);
    expect(messages({ from: FROM, to, tenant: 'Osaka!' })[0]).toMatch(/^tenant: must be 1–64/);
  });
});

describe('the audit entry of an export', () => {
  it('names the range, the scope and the count, and nothing else', () => {
    const query = eventExportQuerySchema.parse({
      scope: 'team:blue',
      from: FROM,
      to: '2026-11-25T00:00:00.000+09:00',
    });
    expect(eventsExported(query, 1234)).toEqual({
      action: 'events.export',
      tenant: 'default',
      target: 'team:blue',
      summary: {
        scope: 'team:blue',
        from: FROM,
        to: '2026-11-25T00:00:00.000+09:00',
        events: 1234,
      },
    });
  });
});
