import type { CallEvent } from '@mieruka/contracts';
import { encodeEventRows } from './event-row';
import { EventExport, type StoredEventRange } from './event-export';
import { EventStore } from './event-store';
import { openTestStore } from './testing';

const at = (hhmm: string) => `2026-11-24T${hhmm}:00.000+09:00`;
const FROM = Date.parse(at('09:00'));
const TO = Date.parse(at('10:00'));

const event = (
  id: string,
  hhmm: string,
  fields: Partial<Record<string, unknown>> = {},
): CallEvent => ({
  id,
  type: 'call.offered',
  occurredAt: at(hhmm),
  tenant: 'export',
  source: 'test',
  callId: `c-${id}`,
  direction: 'inbound',
  queue: 'support',
  ...fields,
});

const order = (id: string, type: string, hhmm: string, orderId: string, team?: string) =>
  event(id, hhmm, {
    type,
    orderId,
    callId: undefined,
    direction: undefined,
    queue: undefined,
    ...(team ? { team, agentId: `agent-${team}` } : {}),
  });

describe('EventExport on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let events: EventStore;
  const meta = (hhmm: string) => ({ receivedAt: Date.parse(at(hhmm)), ingestSource: 'test' });

  /** Every page's lines, as ids, with the total announced first. */
  async function exportIds(
    range: Partial<StoredEventRange>,
    pageEvents = 2,
  ): Promise<{ total: number; ids: string[]; pages: number }> {
    const { total, pages } = await new EventExport(store, pageEvents).open({
      tenant: 'export',
      from: FROM,
      to: TO,
      scope: 'tenant',
      ...range,
    });
    const ids: string[] = [];
    let count = 0;
    for await (const lines of pages) {
      count += 1;
      for (const line of lines) ids.push((JSON.parse(line) as CallEvent).id);
    }
    return { total, ids, pages: count };
  }

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
    // Arrival order differs from event time: a late event arrives last.
    await events.insertEvents(
      [event('e-2', '09:20', { team: 'blue' }), event('e-1', '09:00', { team: 'red' })],
      meta('09:30'),
    );
    const retried = encodeEventRows([event('e-3', '09:40', { team: 'blue' })], meta('09:41'), 1);
    // A retried insert re-sends the rows it encoded once (the same sequence), and a racing
    // writer stores e-2 again later: each is one event.
    await events.insertEncoded([{ rows: retried }]);
    await events.insertEncoded([{ rows: retried }]);
    await events.insertEvents([event('e-2', '09:20', { team: 'blue' })], meta('09:42'));
    await events.insertEvents(
      [
        event('e-late', '09:05', { team: 'blue' }),
        event('e-end', '10:00', { team: 'blue' }),
        event('e-before', '08:59', { team: 'blue' }),
        // The same id in another tenant is another tenant's event.
        event('e-1', '09:10', { tenant: 'other', team: 'blue' }),
      ],
      meta('09:50'),
    );
  });
  afterAll(() => store.drop());

  it('gives each event of [from, to) once, in arrival order, in pages', async () => {
    const all = await exportIds({});
    expect(all.ids).toEqual(['e-3', 'e-2', 'e-1', 'e-late']);
    expect(all.total).toBe(4);
    expect(all.pages).toBeGreaterThan(1);
    expect(await exportIds({}, 10_000)).toEqual({ ...all, pages: 1 });
  });

  it("never gives another tenant's events", async () => {
    expect((await exportIds({ tenant: 'other' })).ids).toEqual(['e-1']);
    expect(await exportIds({ tenant: 'nobody' })).toEqual({ total: 0, ids: [], pages: 0 });
  });

  it('keeps in a scope its own events, and order events by where their order was taken', async () => {
    await events.insertEvents(
      [
        order('o-conf-blue', 'order.confirmed', '09:10', 'o-1', 'blue'),
        order('o-conf-red', 'order.confirmed', '09:11', 'o-2', 'red'),
        // Payments carry no team of their own: they count where their order was taken, and
        // a team they name themselves is ignored.
        order('o-paid-blue', 'order.paid', '09:12', 'o-1'),
        order('o-paid-red', 'order.paid', '09:13', 'o-2', 'blue'),
        order('o-cancel', 'order.cancelled', '09:14', 'o-2', 'blue'),
      ],
      meta('09:55'),
    );
    expect((await exportIds({ scope: 'team:blue' })).ids).toEqual([
      'e-3',
      'e-2',
      'e-late',
      'o-conf-blue',
      'o-paid-blue',
      'o-cancel',
    ]);
    expect((await exportIds({ scope: 'team:red' })).ids).toEqual([
      'e-1',
      'o-conf-red',
      'o-paid-red',
    ]);
    expect((await exportIds({ scope: 'agent:agent-blue' })).ids).toEqual([
      'o-conf-blue',
      'o-paid-blue',
      'o-cancel',
    ]);
    expect((await exportIds({ scope: 'queue:support' })).total).toBe(4);
  });
});
