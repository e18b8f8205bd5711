import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  parseSettingsFile,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
  type LiveSnapshot,
  type LiveUpdate,
} from '@mieruka/contracts';
import { applyPatch } from '@mieruka/kpi';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { scenarioConfig } from '../support/scenarios';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

type Client = Socket<LiveServerEvents, LiveClientEvents>;

const AT = '2026-11-24T15:00:00.000+09:00';
const HOUR = 3_600_000;
/** The desk's promise here: shipped within an hour of payment. */
const SHIP_WITHIN_MS = HOUR;
const SCOPE = 'agent:a-ord';
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The order book over the real socket with a fixed clock: an order paid and never shipped
 * reaches the screen as stuck within a second of crossing `shipWithinMs`, with no event — and
 * while it only ages, nothing is sent (the screen ticks the age itself).
 */
describe('the live order book on the socket', () => {
  let app: TestApp;
  let client: Client;
  const paidAt = Date.parse(AT) - SHIP_WITHIN_MS + 3_000;

  beforeAll(async () => {
    const [settings] = parseSettingsFile(scenarioConfig('006-order-integrity'));
    app = await startTestApp({
      at: AT,
      tenants: new TenantDirectory([
        { ...settings!, orders: { shipWithinMs: SHIP_WITHIN_MS, payWithinMs: HOUR } },
      ]),
    });
    const base = { tenant: 'default', source: 'hand', orderId: 'O-77', amount: 5000 };
    const events = [
      {
        ...base,
        id: 'lob-1',
        type: 'order.confirmed',
        occurredAt: iso(paidAt - 600_000),
        callId: 'c-77',
        agentId: 'a-ord',
        queue: 'orders',
        currency: 'JPY',
      },
      { ...base, id: 'lob-2', type: 'order.paid', occurredAt: iso(paidAt), currency: 'JPY' },
    ];
    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(response.status).toBe(200);
    client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: await app.adminToken() },
    });
  });
  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  async function live(): Promise<LiveSnapshot> {
    const response = await app.get(`/api/v1/live?scope=${encodeURIComponent(SCOPE)}`);
    return (await response.json()) as LiveSnapshot;
  }

  it('sends the order as stuck within a second of crossing shipWithinMs, and nothing before', async () => {
    const joined = (await client
      .timeout(5_000)
      .emitWithAck('join', { scope: SCOPE })) as JoinAnswer;
    if (!joined.ok) throw new Error(joined.error);
    expect(joined.snapshot.orders).toMatchObject({
      paidNotShipped: 1,
      stuck: 0,
      oldestPaidNotShippedMs: SHIP_WITHIN_MS - 3_000,
      stuckList: [],
    });
    const updates: { update: LiveUpdate; at: number }[] = [];
    client.on('update', (update) => updates.push({ update, at: performance.now() }));

    // Two seconds pass, the order still within its hour: only its age moves, and the screen
    // ticks that itself — nothing is sent.
    app.clock.now += 2_000;
    await new Promise((r) => setTimeout(r, 2_200));
    expect(updates).toEqual([]);

    // One more second and a bit: the hour is over, with no event.
    app.clock.now += 1_500;
    const crossed = performance.now();
    const deadline = crossed + 3_000;
    while (updates.length === 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(updates).toHaveLength(1);
    // The gateway's clock tick runs once a second: the update follows within about that.
    expect(updates[0]!.at - crossed).toBeLessThan(1_300);
    const snapshot = applyPatch(joined.snapshot, updates[0]!.update.patch);
    expect(snapshot.orders).toEqual({
      awaitingPayment: 0,
      paidNotShipped: 1,
      held: 0,
      stuck: 1,
      oldestPaidNotShippedMs: SHIP_WITHIN_MS + 500,
      stuckList: [
        {
          orderId: 'O-77',
          agentId: 'a-ord',
          rule: 'paid_not_shipped',
          since: '2026-11-24T14:00:03.000+09:00',
          reason: null,
        },
      ],
    });
    expect(snapshot).toEqual(await live());
  });
});
