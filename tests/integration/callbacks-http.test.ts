import fs from 'node:fs';
import type {
  AuditEntry,
  CalledBack,
  CreatedDisplayToken,
  LiveFloor,
  RevealedCaller,
} from '@mieruka/contracts';
import { testDatabaseName } from '@mieruka/store/testing';
import { callJson } from '../support/api-calls';
import { liveSnapshot } from '../support/adapters';
import {
  TEST_KEY,
  addUsers,
  login,
  postEvents,
  startTestApp,
  type TestApp,
} from '../support/test-app';

// The call-back workflow (docs/api.md): today's abandoned calls in Asia/Tokyo on 2026-11-24.
// c-1 from 090-1234-5678 (queue support, team blue) gave up at 10:00; c-2 came without a
// number (queue sales) at 10:05. The API's clock reads 10:30.
const AT = '2026-11-24T10:30:00.000+09:00';
const NUMBER = '090-1234-5678';
const PASSWORD = 'a-long-enough-password';
const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ tenant: 'default', source: 'test', direction: 'inbound', ...fields });
const EVENTS = [
  event({
    id: 'o-1',
    type: 'call.offered',
    occurredAt: '2026-11-24T09:59:20.000+09:00',
    callId: 'c-1',
    queue: 'support',
    team: 'blue',
    attrs: { caller: NUMBER },
  }),
  event({
    id: 'a-1',
    type: 'call.abandoned',
    occurredAt: '2026-11-24T10:00:00.000+09:00',
    callId: 'c-1',
    queue: 'support',
    team: 'blue',
    waitMs: 40_000,
    attrs: { caller: NUMBER },
  }),
  event({
    id: 'a-2',
    type: 'call.abandoned',
    occurredAt: '2026-11-24T10:05:00.000+09:00',
    callId: 'c-2',
    queue: 'sales',
    waitMs: 20_000,
  }),
].join('\n');

/** Everything pino writes to stdout while the app runs (kept, not printed), at debug level. */
const logs: string[] = [];
const realWrite = fs.write.bind(fs);
const realWriteSync = fs.writeSync.bind(fs);
function captureLogs(): void {
  jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: never[]) => {
    if (fd !== 1) return realWriteSync(fd, data as string, ...rest);
    logs.push(String(data));
    return Buffer.byteLength(String(data));
  }) as typeof fs.writeSync);
  jest.spyOn(fs, 'write').mockImplementation((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1) return (realWrite as (...a: unknown[]) => void)(fd, data, ...rest);
    logs.push(String(data));
    const done = rest.at(-1) as (error: null, written: number) => void;
    process.nextTick(() => done(null, Buffer.byteLength(String(data))));
  });
}

describe('call-backs of abandoned calls: mark called back, reveal the number (audited)', () => {
  const database = testDatabaseName();
  const start = () =>
    startTestApp({
      at: AT,
      env: { MIERUKA_CLICKHOUSE_DATABASE: database, MIERUKA_LOG_LEVEL: 'debug' },
    });
  let app: TestApp;
  let tokens: Record<'sato' | 'kato', string>;

  beforeAll(async () => {
    captureLogs();
    app = await start();
    await postEvents(app, EVENTS);
    tokens = await addUsers(app, PASSWORD, [
      ['sato', 'default', 'supervisor'],
      ['kato', 'default', 'manager'],
    ]);
  });
  afterAll(async () => {
    await app.close();
    jest.restoreAllMocks();
  });

  const mark = (token: string, callId: string) =>
    callJson(app.url, token, 'POST', `/api/v1/abandoned-calls/${callId}/called-back`);
  const reveal = (token: string, callId: string) =>
    callJson(app.url, token, 'POST', `/api/v1/abandoned-calls/${callId}/caller?tenant=default`);
  const floor = async (): Promise<LiveFloor> =>
    (await (await app.get('/api/v1/live/floor?scope=tenant')).json()) as LiveFloor;
  const calledBack = async () =>
    Object.fromEntries((await floor()).abandoned.map((a) => [a.callId, a.calledBackAt]));
  const audit = async (): Promise<AuditEntry[]> =>
    (await (await app.get('/api/v1/audit?tenant=default')).json()) as AuditEntry[];

  it('lets a supervisor mark a call once: the floor shows it, a second mark changes nothing', async () => {
    const before = await liveSnapshot(app);
    expect(await calledBack()).toEqual({ 'c-2': undefined, 'c-1': undefined });

    const first = await mark(tokens.sato, 'c-1');
    expect(first).toEqual({
      status: 200,
      body: { callId: 'c-1', markedAt: AT, alreadyMarked: false } satisfies CalledBack,
    });
    app.clock.now += 60_000;
    const again = await mark(tokens.sato, 'c-1');
    expect(again.body).toMatchObject({ alreadyMarked: true });
    // The first mark's instant, not the second's; the call without a number can be marked too.
    expect(await calledBack()).toEqual({ 'c-2': undefined, 'c-1': AT });
    expect((await mark(tokens.kato, 'c-2')).status).toBe(200);
    expect((await calledBack())['c-2']).toBe('2026-11-24T10:31:00.000+09:00');

    // Stored once per call, whatever the number of marks.
    const stored = await app.get(
      '/api/v1/events?from=2026-11-24T00:00:00%2B09:00&to=2026-11-25T00:00:00%2B09:00',
    );
    const types = (await stored.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; callId: string })
      .filter((e) => e.type === 'callback.marked')
      .map((e) => e.callId);
    expect(types.sort()).toEqual(['c-1', 'c-2']);
    // Counted in no KPI.
    const after = await liveSnapshot(app);
    expect(after.windows.today).toEqual(before.windows.today);

    const marks = (await audit()).filter((e) => e.action === 'call.called-back');
    // Two marks at 10:31: the log's order between them is not defined.
    const rows = marks.map((e) => [e.actor, e.target, e.summary]);
    expect(rows.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      ['kato', 'c-2', { alreadyMarked: false }],
      ['sato', 'c-1', { alreadyMarked: false }],
      ['sato', 'c-1', { alreadyMarked: true }],
    ]);
  });

  it('shows the number to a manager only, and audits each reveal without the number', async () => {
    const refused = await fetch(`${app.url}/api/v1/abandoned-calls/c-1/caller`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.sato}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.text()).not.toContain('1234');

    const shown = await reveal(tokens.kato, 'c-1');
    expect(shown).toEqual({
      status: 200,
      body: { callId: 'c-1', caller: NUMBER } satisfies RevealedCaller,
    });
    expect((await reveal(tokens.kato, 'c-1')).status).toBe(200);

    const reveals = (await audit()).filter((e) => e.action === 'call.caller-revealed');
    expect(reveals.map((e) => [e.actor, e.actorRole, e.tenant, e.target])).toEqual([
      ['kato', 'manager', 'default', 'c-1'],
      ['kato', 'manager', 'default', 'c-1'],
    ]);
    const written = JSON.stringify(await audit());
    expect(written).not.toContain('1234-5678');
    expect(written).not.toContain('12345678');
  });

  it('answers 404 for a call not abandoned today or without a number', async () => {
    expect((await reveal(tokens.kato, 'c-2')).status).toBe(404);
    expect((await reveal(tokens.kato, 'nope')).status).toBe(404);
    expect((await mark(tokens.sato, 'nope')).status).toBe(404);
  });

  it('refuses a TV, an ingest key, another scope’s supervisor and another tenant', async () => {
    const pairing = await callJson(
      app.url,
      await app.adminToken(),
      'POST',
      '/api/v1/display-tokens',
      {
        tenant: 'default',
        wallboard: 'floor-1',
      },
    );
    expect(pairing.status).toBe(201);
    const display = (pairing.body as CreatedDisplayToken).token;
    expect((await mark(display, 'c-1')).status).toBe(403);
    expect((await reveal(display, 'c-1')).status).toBe(403);
    expect((await mark(TEST_KEY, 'c-1')).status).toBe(401);

    const made = await callJson(app.url, await app.adminToken(), 'POST', '/api/v1/users', {
      username: 'ito',
      password: PASSWORD,
      tenant: 'default',
      role: 'supervisor',
      scopes: ['team:red'],
    });
    expect(made.status).toBe(201);
    const ito = (await login(app.url, 'ito', PASSWORD)).accessToken;
    const outside = await mark(ito, 'c-1');
    expect(outside.status).toBe(403);
    expect(JSON.stringify(outside.body)).toContain('ito may see only team:red');

    const other = await callJson(
      app.url,
      tokens.kato,
      'POST',
      '/api/v1/abandoned-calls/c-1/caller?tenant=osaka',
    );
    expect(other.status).toBe(403);
  });

  it('keeps the marks across a restart: they are stored events', async () => {
    const before = await calledBack();
    await app.close();
    app = await start();
    // The restarted API's clock reads 10:31 again, when c-2 was marked.
    app.clock.now += 60_000;
    expect(await calledBack()).toEqual(before);
    expect(before['c-1']).toBe(AT);
    // By tomorrow c-1 is yesterday's call: no longer marked or revealed.
    app.clock.now += 24 * 3_600_000;
    const kato = (await login(app.url, 'kato', PASSWORD)).accessToken;
    expect((await mark(kato, 'c-1')).status).toBe(404);
    expect((await reveal(kato, 'c-1')).status).toBe(404);
  });

  it('wrote the full number in no log line, while the reveals were logged', () => {
    const written = logs.join('');
    expect(written).toContain('/api/v1/abandoned-calls/c-1/caller');
    for (const form of [NUMBER, '09012345678', '1234-5678', '12345678']) {
      expect(written).not.toContain(form);
    }
  });
});
