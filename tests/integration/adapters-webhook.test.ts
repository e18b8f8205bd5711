import type { DeadLetter, IngestResponse } from '@mieruka/contracts';
import { createSignatureHeader } from '@mieruka/adapters';
import { adapterHealth, liveSnapshot } from '../support/adapters';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const NOW_S = Date.parse(AT) / 1000;
const OLD_SECRET = 'old-secret-0123456789abcdef';
const NEW_SECRET = 'new-secret-0123456789abcdef';
const OSAKA_SECRET = 'osaka-secret-0123456789abcdef';

// Canonical events from a system posting JSON, in Asia/Tokyo on 2026-11-24: an answered
// inbound call (8 s wait, 120 s talk, 30 s wrap-up), an abandon after 45 s, an outbound sale
// (200 s talk, 20 s wrap-up, an order of ¥9,800) and agent a3 going on a lunch break.
const at = (hhmmss: string) => `2026-11-24T${hhmmss}.000+09:00`;
const base = (id: string, type: string, time: string) => ({
  id,
  type,
  occurredAt: at(time),
  source: 'crm',
});
const inbound = { direction: 'inbound', queue: 'support' };
const outbound = { direction: 'outbound', campaign: 'renewal' };
const EVENTS = [
  { ...base('w-a1', 'agent.state', '09:55:00'), agentId: 'a1', state: 'available' },
  { ...base('w-a2', 'agent.state', '09:55:00'), agentId: 'a2', state: 'available' },
  { ...base('w-a3', 'agent.state', '09:55:00'), agentId: 'a3', state: 'available' },
  { ...base('w-1o', 'call.offered', '10:00:00'), callId: 'c1', ...inbound },
  {
    ...base('w-1c', 'call.connected', '10:00:08'),
    callId: 'c1',
    ...inbound,
    agentId: 'a1',
    waitMs: 8000,
  },
  { ...base('w-2o', 'call.offered', '10:01:00'), callId: 'c2', ...inbound },
  { ...base('w-2a', 'call.abandoned', '10:01:45'), callId: 'c2', ...inbound, waitMs: 45_000 },
  {
    ...base('w-1w', 'call.wrapped', '10:02:38'),
    callId: 'c1',
    ...inbound,
    agentId: 'a1',
    talkMs: 120_000,
    holdMs: 0,
    wrapMs: 30_000,
    disposition: 'resolved',
    resolved: true,
  },
  { ...base('w-3d', 'call.dialed', '10:02:00'), callId: 'o1', ...outbound, agentId: 'a2' },
  { ...base('w-3c', 'call.connected', '10:02:10'), callId: 'o1', ...outbound, agentId: 'a2' },
  {
    ...base('w-3w', 'call.wrapped', '10:05:50'),
    callId: 'o1',
    ...outbound,
    agentId: 'a2',
    talkMs: 200_000,
    holdMs: 0,
    wrapMs: 20_000,
    disposition: 'sale',
  },
  {
    ...base('w-3s', 'order.confirmed', '10:05:30'),
    callId: 'o1',
    orderId: 'ord-1',
    agentId: 'a2',
    campaign: 'renewal',
    amount: 9800,
    currency: 'JPY',
  },
  { ...base('w-a3b', 'agent.state', '10:03:00'), agentId: 'a3', state: 'break', reason: 'lunch' },
];
const BODY = EVENTS.map((e) => JSON.stringify(e)).join('\n');

function post(app: TestApp, body: string, signature?: string) {
  return fetch(`${app.url}/api/v1/webhooks/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      ...(signature === undefined ? {} : { 'mieruka-signature': signature }),
    },
    body,
  });
}
const sign = (body: string, secrets: string | string[], timestamp = NOW_S - 2) =>
  createSignatureHeader({ body, secrets, timestamp });

describe('POST /api/v1/webhooks/events (signed generic webhook)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: { MIERUKA_WEBHOOK_SECRETS: `${NEW_SECRET}, ${OLD_SECRET}, osaka:${OSAKA_SECRET}` },
    });
  });
  afterAll(() => app.close());

  it('takes a signed post and answers like /api/v1/events', async () => {
    const response = await post(app, BODY, sign(BODY, NEW_SECRET));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as IngestResponse;
    expect([answer.accepted, answer.duplicates, answer.rejected]).toEqual([13, 0, 0]);
    expect(answer.results[0]).toEqual({ index: 0, id: 'w-a1', status: 'accepted' });
  });

  it('absorbs a replay of the same post by event id', async () => {
    const answer = (await (await post(app, BODY, sign(BODY, NEW_SECRET))).json()) as IngestResponse;
    expect([answer.accepted, answer.duplicates, answer.rejected]).toEqual([0, 13, 0]);
  });

  it('takes the old secret during a rotation, and a header carrying both signatures', async () => {
    const one = JSON.stringify({ ...EVENTS[3], id: 'w-rot-1', callId: 'rot-1' });
    const two = JSON.stringify({ ...EVENTS[3], id: 'w-rot-2', callId: 'rot-2' });
    expect((await post(app, one, sign(one, OLD_SECRET))).status).toBe(200);
    expect(
      (await post(app, two, sign(two, ['retired-secret-0123456789', NEW_SECRET]))).status,
    ).toBe(200);
  });

  it.each<[string, () => string | undefined, string]>([
    ['no header', () => undefined, 'mieruka-signature: header is missing'],
    [
      'a wrong secret',
      () => sign(BODY, 'wrong-secret-0123456789abcdef'),
      'no signature matches a known secret',
    ],
    [
      'a signature of another body',
      () => sign(BODY.replace('9800', '98000'), NEW_SECRET),
      'no signature matches a known secret',
    ],
    [
      'a signature over 5 minutes old',
      () => sign(BODY, NEW_SECRET, NOW_S - 301),
      'more than 300 s ago',
    ],
    [
      'a signature from the future',
      () => sign(BODY, NEW_SECRET, NOW_S + 301),
      'ahead of this clock',
    ],
    ['a malformed header', () => 'v1=abc', 'expected t=<unix seconds>,v1=<64 hex digits>'],
  ])('refuses %s with 401 problem JSON, storing nothing', async (_name, signature, reason) => {
    const response = await post(app, BODY.replaceAll('w-', 'forged-'), signature());
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain(reason);
  });

  it('binds a TENANT:SECRET to its tenant', async () => {
    const body = JSON.stringify({ ...EVENTS[3], id: 'w-osaka-1', tenant: 'default' });
    const answer = (await (
      await post(app, body, sign(body, OSAKA_SECRET))
    ).json()) as IngestResponse;
    expect(answer.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'tenant: this ingest key may only post events of tenant "osaka"',
    });
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as DeadLetter[];
    expect(letters.map((l) => l.source)).toEqual(['webhook']);
  });

  it('shows the hand-worked numbers in the live snapshot, and the adapter in health', async () => {
    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 4, // c1, c2 and the two rotation posts (still waiting)
      answered: 1,
      answeredInSL: 1,
      abandoned: 1,
      dialed: 1,
      connectedOutbound: 1,
      wrapped: 2,
      orders: 1,
      revenue: 9800,
      dispositions: { resolved: 1, sale: 1 },
      serviceLevel: 0.5, // c1 in 8 s / (1 answered + 1 abandoned)
      abandonRate: 0.5,
      asaMs: 8000,
      ahtMs: 185_000, // (120 + 30 + 200 + 20 s) / 2
      connectRate: 1,
      conversionRate: 0.5, // 1 order / (1 answered + 1 connected outbound)
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 2,
      agents: { available: 2, on_call: 0, wrap: 0, not_ready: 0, break: 1 },
    });
    const health = await adapterHealth(app, 'webhook');
    expect(health).toMatchObject({
      connected: null,
      accepted: 15,
      duplicates: 13,
      rejected: 1,
      errors: 6,
      eventsPerMinute: 28,
      lastEventAt: new Date(AT).toISOString(),
    });
  });
});
