import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeadLetter } from '@mieruka/contracts';
import { computeTwilioSignature } from '@mieruka/adapters';
import { adapterHealth, liveSnapshot } from '../support/adapters';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const T = Date.parse('2026-11-24T10:00:00.000+09:00') / 1000;
const TOKEN = 'secondarytoken0123456789abcdef01';
const PUBLIC = 'https://wallboard.example.com/mieruka';

// Twilio's callbacks, in Asia/Tokyo on 2026-11-24 (TaskRouter: epoch seconds; Voice: RFC 2822):
//   09:55 Alice, Bob, Carol become Available
//   10:00:00 task WT1 enters `support`; 10:00:15 Alice accepts it (TaskAge 15 s)
//   10:01:00 task WT2 enters; 10:01:40 its caller hangs up (TaskAge 40 s)
//   10:02:00 Carol goes on Break
//   10:03:15 WT1 goes to wrap-up; 10:03:45 Alice completes it (disposition resolved)
//   10:04:00 Bob dials out for campaign `renewal`; 10:04:12 the customer answers
//   10:05:00 the dialer calls list L-12's lead-82; 10:05:05 the line is busy
const activity = (s: number, worker: string, name: string, activityName: string) => ({
  EventType: 'worker.activity.update',
  Timestamp: String(T + s),
  WorkerSid: worker,
  WorkerName: name,
  WorkerActivityName: activityName,
});
const task = (s: number, type: string, sid: string, extra: Record<string, string> = {}) => ({
  EventType: type,
  Timestamp: String(T + s),
  TaskSid: sid,
  TaskChannelUniqueName: 'voice',
  TaskQueueName: 'support',
  ...extra,
});
const TASKROUTER = [
  activity(-300, 'WK1', 'Alice', 'Available'),
  activity(-300, 'WK2', 'Bob', 'Available'),
  activity(-300, 'WK3', 'Carol', 'Available'),
  task(0, 'task.created', 'WT1'),
  task(15, 'reservation.accepted', 'WT1', { WorkerSid: 'WK1', WorkerName: 'Alice', TaskAge: '15' }),
  task(60, 'task.created', 'WT2'),
  task(100, 'task.canceled', 'WT2', { TaskAge: '40', TaskCanceledReason: 'hangup' }),
  activity(120, 'WK3', 'Carol', 'Break'),
  task(195, 'task.wrapup', 'WT1'),
  task(225, 'task.completed', 'WT1', { TaskAttributes: '{"disposition":"resolved"}' }),
  { EventType: 'queue.exploded', Timestamp: String(T + 226), TaskSid: 'WT9' },
];
const voice = (s: number, status: string, sid = 'CA0001') => ({
  CallSid: sid,
  AccountSid: 'AC0001',
  Direction: 'outbound-api',
  CallStatus: status,
  Timestamp: new Date((T + s) * 1000).toUTCString(),
});
const VOICE_QUERY = '?campaign=renewal&agentId=Bob';

function post(app: TestApp, path: string, params: Record<string, string>, signature?: string) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === undefined ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
}
/** Posts as Twilio would: signed over the public URL it was given. */
const signedPost = (app: TestApp, path: string, params: Record<string, string>) =>
  post(app, path, params, computeTwilioSignature(TOKEN, PUBLIC + path, params));

describe('Twilio callbacks (TaskRouter and Voice status)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: {
        MIERUKA_TWILIO_AUTH_TOKENS: `primarytoken0123456789abcdef0123,${TOKEN}`,
        MIERUKA_TWILIO_PUBLIC_URL: `${PUBLIC}/`,
      },
    });
  });
  afterAll(() => app.close());

  it('takes signed TaskRouter event callbacks in order', async () => {
    const answers: { accepted: number }[] = [];
    for (const params of TASKROUTER) {
      const response = await signedPost(app, '/api/v1/twilio/taskrouter', params);
      expect(response.status).toBe(200);
      answers.push((await response.json()) as { accepted: number });
    }
    // 3 available, offered, connected + on call, offered, abandoned, break, wrap,
    // wrapped + available = 12 events; the unknown event type is one reject.
    expect(answers.reduce((n, a) => n + a.accepted, 0)).toBe(12);
    expect(answers.at(-1)).toEqual({ accepted: 0, duplicates: 0, rejected: 1 });
  });

  it('takes signed Voice status callbacks of an outbound call, the campaign from the URL query', async () => {
    const path = `/api/v1/twilio/voice${VOICE_QUERY}`;
    for (const [s, status] of [
      [240, 'initiated'],
      [244, 'ringing'],
      [252, 'in-progress'],
      [400, 'completed'],
    ] as const) {
      const response = await signedPost(app, path, voice(s, status));
      expect(response.status).toBe(200);
    }
    // A retried callback is absorbed by id.
    const again = await signedPost(app, path, voice(240, 'initiated'));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1, rejected: 0 });
  });

  it('takes a dial that ended busy as a failed dial of its list entry', async () => {
    const path = '/api/v1/twilio/voice?campaign=renewal&listId=L-12&entryId=lead-82';
    const answers = [];
    for (const [s, status] of [
      [300, 'initiated'],
      [305, 'busy'],
    ] as const) {
      const response = await signedPost(app, path, voice(s, status, 'CA0002'));
      answers.push(await response.json());
    }
    expect(answers).toEqual([
      { accepted: 1, duplicates: 0, rejected: 0 },
      { accepted: 1, duplicates: 0, rejected: 0 },
    ]);
  });

  it.each<[string, () => string | undefined, string]>([
    ['no signature', () => undefined, 'x-twilio-signature: header is missing'],
    [
      'a signature under another token',
      () =>
        computeTwilioSignature(
          'notthetoken0123',
          `${PUBLIC}/api/v1/twilio/taskrouter`,
          task(300, 'task.created', 'WTX'),
        ),
      'does not match',
    ],
    [
      'a signature over the URL the API sees instead of the public one',
      () =>
        computeTwilioSignature(
          TOKEN,
          'http://127.0.0.1/api/v1/twilio/taskrouter',
          task(300, 'task.created', 'WTX'),
        ),
      'does not match',
    ],
    [
      'a signature over other parameters',
      () =>
        computeTwilioSignature(
          TOKEN,
          `${PUBLIC}/api/v1/twilio/taskrouter`,
          task(300, 'task.created', 'WTY'),
        ),
      'does not match',
    ],
  ])('refuses %s with 403, storing nothing', async (_name, signature, reason) => {
    const response = await post(
      app,
      '/api/v1/twilio/taskrouter',
      task(300, 'task.created', 'WTX'),
      signature(),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toContain(reason);
  });

  it('keeps the unknown event as a dead letter under the adapter name', async () => {
    const response = await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
      headers: { authorization: `Bearer ${TEST_KEY}` },
    });
    const letters = (await response.json()) as DeadLetter[];
    expect(letters.map((l) => [l.source, l.reason])).toEqual([
      ['twilio', 'queue.exploded: not a TaskRouter event this adapter knows'],
    ]);
  });

  it('shows the hand-worked numbers in the live snapshot', async () => {
    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 2,
      answered: 1,
      answeredInSL: 1, // WT1 after 15 s
      abandoned: 1, // WT2 after 40 s
      dialed: 2,
      connectedOutbound: 1,
      failedDials: 1,
      dialOutcomes: { busy: 1, connected: 1 },
      wrapped: 1,
      dispositions: { resolved: 1 },
      serviceLevel: 0.5,
      abandonRate: 0.5,
      asaMs: 15_000,
      ahtMs: 210_000, // 180 s from accept to wrap-up + 30 s of wrap-up
      connectRate: 0.5, // one of the two dials connected
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 0,
      agents: { available: 2, on_call: 0, wrap: 0, not_ready: 0, break: 1 },
    });
    expect(await adapterHealth(app, 'twilio')).toMatchObject({
      accepted: 16,
      duplicates: 1,
      rejected: 1,
      errors: 4,
      connected: null,
    });
  });
});

describe('Twilio Event Streams webhook sink (TaskRouter CloudEvents)', () => {
  // tests/fixtures/adapters/twilio/event-streams-taskrouter.ours.jsonl: the workspace of
  // taskrouter-layout.form (2026-11-24, 09:50–10:08 in Tokyo) in seven sink deliveries.
  const BODIES = readFileSync(
    join(__dirname, '..', 'fixtures', 'adapters', 'twilio', 'event-streams-taskrouter.ours.jsonl'),
    'utf8',
  )
    .split('\n')
    .filter((line) => line !== '');
  const PATH = '/api/v1/twilio/event-streams';
  const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');
  /** As Event Streams posts: the JSON body, the signature over the public URL alone. */
  const deliver = (app: TestApp, body: string, signedBody = body) => {
    const path = `${PATH}?bodySHA256=${sha256(signedBody)}`;
    const signature = computeTwilioSignature(TOKEN, PUBLIC + path, []);
    const response = fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': signature },
      body,
    });
    return { response, signature };
  };
  let app: TestApp;
  const signatures: string[] = [];
  const answers: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      at: '2026-11-24T10:10:00.000+09:00',
      env: {
        MIERUKA_TWILIO_AUTH_TOKENS: `primarytoken0123456789abcdef0123,${TOKEN}`,
        MIERUKA_TWILIO_PUBLIC_URL: PUBLIC,
      },
    });
  });
  afterAll(() => app.close());

  it('stores each delivery before answering, each CloudEvent once', async () => {
    const delivered: { accepted: number; duplicates: number; rejected: number }[] = [];
    for (const body of BODIES) {
      const { response, signature } = deliver(app, body);
      signatures.push(signature);
      const answer = await response;
      expect(answer.status).toBe(200);
      const text = await answer.text();
      answers.push(text);
      delivered.push(
        JSON.parse(text) as { accepted: number; duplicates: number; rejected: number },
      );
    }
    // By hand: 14 canonical events (2 available, 3 offers, bob's missed ring, the connect and
    // alice on call, 2 abandons, wrap, the wrapped call and alice available, bob on break);
    // task-queue.entered repeats each task.created's offer (3 duplicates); the redelivered
    // reservation.accepted is stepped no more; the Voice event is one reject.
    const sum = (key: 'accepted' | 'duplicates' | 'rejected') =>
      delivered.reduce((n, d) => n + d[key], 0);
    expect([sum('accepted'), sum('duplicates'), sum('rejected')]).toEqual([14, 3, 1]);
    // The fifth: task 3's offer (and its repeat); the reservation.accepted again adds nothing.
    expect(delivered[4]).toEqual({ accepted: 1, duplicates: 1, rejected: 0 });
  });

  it('shows on the wallboard what the callbacks show: the answered call, a hang-up and a timeout', async () => {
    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 3,
      answered: 1,
      answeredInSL: 1, // 18 s
      asaMs: 18_000,
      ahtMs: 270_259, // 240.222 s talking + 30.037 s of wrap-up
      wrapped: 1,
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 0,
      agents: { available: 1, on_call: 0, wrap: 0, break: 1 },
    });
  });

  it('keeps the Voice event as a dead letter under the adapter name, holding the CloudEvent', async () => {
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as DeadLetter[];
    expect(letters.map((l) => [l.source, l.reason])).toEqual([
      [
        'twilio',
        'com.twilio.voice.status-callback.call.completed: not a TaskRouter event (subscribe the sink to com.twilio.taskrouter.* only)',
      ],
    ]);
    expect(letters[0]?.payload).toContain('"id":"EZ00000000000000000000000000000099"');
  });

  it.each<[string, () => { response: Promise<Response>; signature: string }, number, string]>([
    [
      'a body other than the one signed',
      () => deliver(app, BODIES[0]!.replace('Available', 'Offline'), BODIES[0]),
      403,
      'bodySHA256',
    ],
    ['a body that is not JSON', () => deliver(app, 'EventType=task.created'), 400, 'not JSON'],
    ['a JSON object instead of an array', () => deliver(app, '{"id":"EZ1"}'), 400, 'array'],
  ])('refuses %s, storing nothing', async (_name, send, status, reason) => {
    const { response, signature } = send();
    signatures.push(signature);
    const answer = await response;
    expect(answer.status).toBe(status);
    const text = await answer.text();
    answers.push(text);
    expect((JSON.parse(text) as { detail: string }).detail).toContain(reason);
  });

  it('refuses a delivery signed under another token with 403', async () => {
    const path = `${PATH}?bodySHA256=${sha256(BODIES[0]!)}`;
    const forged = computeTwilioSignature('notthetoken0123456789abcdef01234', PUBLIC + path, []);
    signatures.push(forged);
    const answer = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': forged },
      body: BODIES[0],
    });
    expect(answer.status).toBe(403);
    answers.push(await answer.text());
  });

  // The API's log is searched for the auth token and signatures by secrets-in-output.test.ts.
  it('never answers, dead-letters or reports the auth token or a signature', async () => {
    const letters = await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).text();
    const health = await (await fetch(`${app.url}/api/v1/health`)).text();
    expect(signatures).toHaveLength(BODIES.length + 4);
    for (const text of [...answers, letters, health]) {
      expect(text).not.toContain(TOKEN);
      for (const signature of signatures) expect(text).not.toContain(signature);
    }
  });
});
