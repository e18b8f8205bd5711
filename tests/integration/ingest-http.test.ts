import { gzipSync } from 'node:zlib';
import type { DeadLetter, IngestResponse } from '@mieruka/contracts';
import { parseSettingsFile } from '@mieruka/contracts';
import { testServer } from '@mieruka/store/testing';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { scenarioConfig, scenarioEvents } from '../support/scenarios';
import { OSAKA_KEY, TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';

function post(app: TestApp, body: string, init: { key?: string | null; type?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': init.type ?? 'application/x-ndjson' };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? TEST_KEY}`;
  return fetch(`${app.url}/api/v1/events`, { method: 'POST', headers, body });
}

const offered = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'call.offered',
  occurredAt: '2026-11-24T10:00:00.000+09:00',
  source: 'test',
  callId: `c-${id}`,
  direction: 'inbound',
  queue: 'support',
  ...extra,
});

describe('POST /api/v1/events', () => {
  let app: TestApp;

  beforeAll(async () => {
    const tenants = new TenantDirectory(parseSettingsFile(scenarioConfig('001-hand')));
    app = await startTestApp({
      at: AT,
      tenants,
      env: { MIERUKA_MAX_BODY_BYTES: '65536', MIERUKA_MAX_EVENTS_PER_REQUEST: '50' },
    });
  });
  afterAll(() => app.close());

  it('takes the hand-worked scenario: 18 accepted, 1 duplicate, 2 rejected; then all duplicates', async () => {
    const body = scenarioEvents('001-hand');
    const first = await post(app, body);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as IngestResponse;
    expect([answer.accepted, answer.duplicates, answer.rejected]).toEqual([18, 1, 2]);
    expect(answer.results.filter((r) => r.status !== 'accepted')).toEqual([
      { index: 17, id: 'e4', status: 'duplicate' },
      {
        index: 18,
        id: 'e19',
        status: 'rejected',
        reason: expect.stringContaining('type: unknown event type "call.exploded"'),
      },
      {
        index: 19,
        id: 'e20',
        status: 'rejected',
        reason: expect.stringContaining(
          'occurredAt: 2026-11-24T10:20:00.000+09:00 is more than 5 minutes after',
        ),
      },
    ]);

    const again = (await (await post(app, body)).json()) as IngestResponse;
    expect([again.accepted, again.duplicates, again.rejected]).toEqual([0, 19, 2]);
  });

  it('lists the rejected events as dead letters with their reasons and raw payloads', async () => {
    const response = await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
      headers: { authorization: `Bearer ${TEST_KEY}` },
    });
    expect(response.status).toBe(200);
    const letters = (await response.json()) as DeadLetter[];
    const exploded = letters.filter((l) => l.payload.includes('call.exploded'));
    expect(exploded).toHaveLength(2); // posted twice, rejected twice
    expect(exploded[0]).toMatchObject({ tenant: 'default', source: 'http' });
    expect(exploded[0]?.reason).toMatch(/^#18: type: unknown event type "call.exploded"/);
    expect(JSON.parse(exploded[0]!.payload)).toMatchObject({ id: 'e19', callId: 'c9' });
  });

  it('takes a JSON array body as well as NDJSON', async () => {
    const response = await post(
      app,
      JSON.stringify([offered('arr-1'), offered('arr-2'), offered('arr-1')]),
      {
        type: 'application/json',
      },
    );
    const answer = (await response.json()) as IngestResponse;
    expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate']);
  });

  it('stores an id once when two requests race with it', async () => {
    const body = JSON.stringify(offered('race-1'));
    const answers = (await Promise.all(
      [post(app, body), post(app, body), post(app, body)].map(async (r) => (await r).json()),
    )) as IngestResponse[];
    expect(answers.map((a) => a.accepted).sort()).toEqual([0, 0, 1]);
    expect(answers.map((a) => a.duplicates).sort()).toEqual([0, 1, 1]);
  });

  it('rejects a line that is not JSON on its own and keeps the rest', async () => {
    const body = [
      JSON.stringify(offered('nd-1')),
      '{"id": "nd-2", oops',
      '',
      JSON.stringify(offered('nd-3')),
    ].join('\r\n');
    const answer = (await (await post(app, body)).json()) as IngestResponse;
    expect(answer.results).toEqual([
      { index: 0, id: 'nd-1', status: 'accepted' },
      { index: 1, status: 'rejected', reason: expect.stringMatching(/^line 2: not valid JSON/) },
      { index: 2, id: 'nd-3', status: 'accepted' },
    ]);
  });

  it('answers 400 with problem JSON for a malformed JSON array, and keeps the body as a dead letter', async () => {
    const response = await post(app, '[{"id": "broken-array",', { type: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { detail: string; correlationId: string };
    expect(problem.detail).toMatch(/^body: not valid JSON/);
    expect(problem.correlationId).not.toBe('');
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as DeadLetter[];
    expect(letters.some((l) => l.payload === '[{"id": "broken-array",')).toBe(true);
  });

  it('reads a compressed body, and a body in the charset its Content-Type names', async () => {
    const gzipped = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_KEY}`,
        'content-type': 'application/x-ndjson',
        'content-encoding': 'gzip',
      },
      body: gzipSync(JSON.stringify(offered('gz-1'))),
    });
    expect(((await gzipped.json()) as IngestResponse).accepted).toBe(1);
    // 受付 in Shift_JIS, as an older Japanese PBX may send it.
    const [before, after] = JSON.stringify(offered('sjis-1', { queue: '@@' })).split('@@');
    const shiftJis = Buffer.concat([
      Buffer.from(before!, 'ascii'),
      Buffer.from([0x8e, 0xf3, 0x95, 0x74]),
      Buffer.from(after!, 'ascii'),
    ]);
    const decoded = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_KEY}`,
        'content-type': 'application/x-ndjson; charset=Shift_JIS',
      },
      body: shiftJis,
    });
    expect(((await decoded.json()) as IngestResponse).accepted).toBe(1);
    const live = (await (
      await app.get('/api/v1/live?scope=queue%3A%E5%8F%97%E4%BB%98')
    ).json()) as {
      windows: { today: { offered: number } };
    };
    expect(live.windows.today.offered).toBe(1);
    const unknown = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-encoding': 'zstd' },
      body: 'x',
    });
    expect(unknown.status).toBe(415);
  });

  it('answers 413 for a body over the size limit and for too many events, storing nothing', async () => {
    const big = JSON.stringify(offered('big-1', { attrs: { note: 'x'.repeat(70_000) } }));
    const tooBig = await post(app, big);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { detail: string }).detail).toContain(
      'larger than the limit of 65536 bytes',
    );

    const many = Array.from({ length: 51 }, (_, i) => JSON.stringify(offered(`many-${i}`))).join(
      '\n',
    );
    const tooMany = await post(app, many);
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as { detail: string }).detail).toBe(
      'body: more than 50 events; at most 50 per request',
    );
    const check = (await (
      await post(app, JSON.stringify(offered('many-0')))
    ).json()) as IngestResponse;
    expect(check.accepted).toBe(1); // many-0 was not stored by the refused request
  });

  it('rejects an event over 16 KiB with its size', async () => {
    const answer = (await (
      await post(app, JSON.stringify(offered('huge', { attrs: { note: 'y'.repeat(17_000) } })))
    ).json()) as IngestResponse;
    expect(answer.results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^event: \d+ bytes is over the limit of 16384 bytes/),
    });
  });

  it.each([
    ['no Authorization header', null, 'missing ingest key'],
    ['a wrong key', 'not-the-key-0123456789', 'ingest key not recognised'],
  ])('answers 401 for %s', async (_name, key, detail) => {
    const response = await post(app, JSON.stringify(offered('auth-1')), { key });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await response.json()) as { detail: string }).detail).toContain(detail);
    const deadLetters = await fetch(`${app.url}/api/v1/dead-letters`, {
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
    });
    expect(deadLetters.status).toBe(401);
  });

  it('limits a tenant key to its tenant, filling in the tenant when the event leaves it out', async () => {
    const body = [offered('os-1'), offered('os-2', { tenant: 'default' })]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const answer = (await (await post(app, body, { key: OSAKA_KEY })).json()) as IngestResponse;
    expect(answer.results).toEqual([
      { index: 0, id: 'os-1', status: 'accepted' },
      {
        index: 1,
        id: 'os-2',
        status: 'rejected',
        reason: 'tenant: this ingest key may only post events of tenant "osaka"',
      },
    ]);
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters`, {
        headers: { authorization: `Bearer ${OSAKA_KEY}` },
      })
    ).json()) as DeadLetter[];
    expect(letters.every((l) => l.tenant === 'osaka')).toBe(true);
  });

  it("records a source's own rejects as dead letters, in the key's tenant", async () => {
    const record = (key: string, body: unknown) =>
      fetch(`${app.url}/api/v1/dead-letters`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const letter = {
      source: 'csv',
      reason: 'row 3: no time',
      payload: 'a,b,,d',
      tenant: 'default',
    };
    const stored = await record(OSAKA_KEY, { letters: [letter] });
    expect(stored.status).toBe(201);
    expect(await stored.json()).toEqual({ stored: 1 });
    const listed = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=100`, {
        headers: { authorization: `Bearer ${OSAKA_KEY}` },
      })
    ).json()) as DeadLetter[];
    // An osaka key records for osaka, whatever the letter says.
    expect(listed.find((l) => l.reason === 'row 3: no time')).toMatchObject({
      tenant: 'osaka',
      source: 'csv',
      payload: 'a,b,,d',
    });
    const bad = await record(TEST_KEY, { letters: [{ ...letter, source: 'Not A Name' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('letters.0.source');
    expect((await record('wrong-key-0123456789abcdef', { letters: [letter] })).status).toBe(401);
  });

  it('answers health and counts what is stored', async () => {
    const health = await fetch(`${app.url}/api/v1/health`);
    // `npm run test:clickhouse-http` runs this file against a server.
    const store = testServer().url ? 'server' : 'chdb';
    expect(await health.json()).toMatchObject({ status: 'ok', store });
    const stats = (await (await app.get(`/api/v1/stats`)).json()) as {
      byType: Record<string, number>;
    };
    expect(stats.byType['call.offered']).toBeGreaterThanOrEqual(5);
  });
});
