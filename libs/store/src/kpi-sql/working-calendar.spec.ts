import { callEventSchema, tenantSettingsSchema, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { computeSqlSnapshot } from './index';

/**
 * Both engines pace a KGI through Japan's Golden Week the same, and as worked by hand
 * (docs/kpis.md, The working calendar). Instants carry their +09:00 offset: no machine zone.
 */
describe('KGI pacing on the Japanese calendar, both engines', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.drop());

  const tenant = 'jp-calendar';
  const settings = tenantSettingsSchema.parse({
    tenant: { id: tenant, timezone: 'Asia/Tokyo' },
    workingCalendar: {
      days: [1, 2, 3, 4, 5, 6],
      start: '09:00',
      end: '18:00',
      hours: { '6': { start: '09:00', end: '13:00' } },
      holidays: ['jp'],
    },
    kgis: [{ id: 'may', metric: 'revenue', target: 182_000, period: 'month' }],
  });

  const order = (n: number, occurredAt: string, amount: number): CallEvent =>
    callEventSchema.parse({
      id: `jp-order-${n}`,
      tenant,
      source: 'test',
      type: 'order.confirmed',
      occurredAt,
      callId: `jp-call-${n}`,
      orderId: `jp-o-${n}`,
      agentId: 'a1',
      queue: 'sales',
      amount,
      currency: 'JPY',
    });

  it('expects 25 of 182 working hours on Friday 2026-05-08 at noon', async () => {
    // Worked in libs/kpi/src/working-calendar.spec.ts: May has 18 weekdays × 9 h (5/4, 5/5 and
    // 5/6 振替休日 closed) + 5 Saturdays × 4 h = 182 h; by 5/8 12:00, 9 + 4 + 9 + 3 = 25 h.
    // Actual 10 000 + 12 000 + 8 000 = 30 000 → pace (30 000 / 182 000) / (25 / 182) = 1.2.
    const events = [
      order(1, '2026-05-01T10:00:00.000+09:00', 10_000),
      order(2, '2026-05-02T11:00:00.000+09:00', 12_000),
      order(3, '2026-05-07T15:00:00.000+09:00', 8_000),
    ];
    await new EventStore(store).insertEvents(events, {
      receivedAt: Date.parse('2026-05-08T03:00:00Z'),
      ingestSource: 'test',
    });
    const at = Date.parse('2026-05-08T12:00:00.000+09:00');
    const projection = createProjection(settings);
    for (const event of events) evolve(projection, event);
    const live = snapshot(projection, at, 'tenant').kgis;
    const sql = (await computeSqlSnapshot(store, { settings, at, scope: 'tenant' })).kgis;
    expect(sql).toEqual(live);
    const [may] = sql;
    expect(may?.actual).toBe(30_000);
    expect(may?.expectedFraction).toBeCloseTo(25 / 182, 12);
    expect(may?.pace).toBeCloseTo(1.2, 12);
    expect(may?.remainingWorkingDays).toBeCloseTo(157 / 9, 12);
    expect(may?.status).toBe('ahead');
  });
});
