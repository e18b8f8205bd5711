import { UsersService } from '../../apps/api/src/auth/users.service';
import { OSAKA_KEY, TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

/**
 * Request rates and sign-in throttling on one instance (counts in memory). The app trusts
 * one proxy, so each test speaks from its own client address through X-Forwarded-For and
 * the tests do not share a count (which also shows that the address is the client's, not
 * the proxy's).
 */
jest.setTimeout(60_000);

const AT = '2026-11-24T10:00:00.000+09:00';
const WINDOW_SECONDS = 3;
const PASSWORD = 'a-long-enough-password';

interface Answer {
  readonly status: number;
  readonly type: string | null;
  readonly retryAfter: string | null;
  readonly body: { detail?: string } & Record<string, unknown>;
}

async function call(
  app: TestApp,
  path: string,
  from: string,
  init: { method?: string; token?: string; body?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${app.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-forwarded-for': from,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as Answer['body']) : {},
  };
}

const statuses = (answers: readonly Answer[]) => answers.map((a) => a.status);

/** Sequential calls (a limit is a count in order). */
async function repeat(times: number, send: () => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) answers.push(await send());
  return answers;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The 429 every limit answers: problem JSON, the limit in words, Retry-After in seconds. */
function expectTooMany(answer: Answer, detail: RegExp): void {
  expect(answer.status).toBe(429);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: 429, title: 'too many requests' });
  expect(answer.body.detail).toMatch(detail);
  const retryAfter = Number(answer.retryAfter);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(answer.body.detail).toContain(`retry after ${retryAfter} s`);
}

describe('request rate limits (in memory)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: {
        MIERUKA_TRUST_PROXY: '1',
        MIERUKA_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
        MIERUKA_RATE_LIMIT_PER_IP: '4',
        MIERUKA_RATE_LIMIT_PER_CREDENTIAL: '3',
        MIERUKA_RATE_LIMIT_INGEST: '3',
      },
    });
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After past the per-address limit, and recovers after it', async () => {
    const from = '203.0.113.10';
    const before = await repeat(4, () => call(app, '/api/v1/live', from));
    // Counted before authentication: the refused requests count too.
    expect(statuses(before)).toEqual([401, 401, 401, 401]);
    const refused = await call(app, '/api/v1/live', from);
    expectTooMany(refused, /^too many requests from this address: at most 4 per 3 s; /);
    // Counted across routes, not per route.
    expect((await call(app, '/api/v1/wallboards', from)).status).toBe(429);
    // Another client is not affected; health and metrics are never limited.
    expect((await call(app, '/api/v1/live', '203.0.113.11')).status).toBe(401);
    expect(statuses(await repeat(3, () => call(app, '/api/v1/health', from)))).toEqual([
      200, 200, 200,
    ]);
    const metrics = await fetch(`${app.url}/metrics`, { headers: { 'x-forwarded-for': from } });
    expect(metrics.status).toBe(200);

    await sleep(Number(refused.retryAfter) * 1000 + 200);
    expect((await call(app, '/api/v1/live', from)).status).toBe(401);
  });

  it('limits each token on its own, and still by address', async () => {
    const token = await app.adminToken();
    const answers = await repeat(3, () =>
      call(app, '/api/v1/live?tenant=default', '203.0.113.20', { token }),
    );
    expect(statuses(answers)).toEqual([200, 200, 200]);
    // The same token from another address: the token's count is full.
    const refused = await call(app, '/api/v1/live?tenant=default', '203.0.113.21', { token });
    expectTooMany(refused, /^too many requests with this token: at most 3 per 3 s; /);
    // Made-up tokens get a count each, but their address's count fills up.
    const madeUp = await repeat(5, () =>
      call(app, '/api/v1/live', '203.0.113.22', { token: `made-up-${Math.random()}` }),
    );
    expect(statuses(madeUp)).toEqual([401, 401, 401, 401, 429]);
  });

  it('counts ingest per key, not per address', async () => {
    let n = 0;
    const event = () =>
      JSON.stringify({
        id: `limits-${++n}`,
        type: 'call.offered',
        occurredAt: AT,
        source: 'test',
        callId: `call-${n}`,
        direction: 'inbound',
        queue: 'support',
      });
    const post = (key: string, from: string) =>
      call(app, '/api/v1/events', from, { method: 'POST', token: key, body: event() });
    // Three senders behind one address, one key: the key's count.
    const answers = [
      await post(TEST_KEY, '198.51.100.1'),
      await post(TEST_KEY, '198.51.100.2'),
      await post(TEST_KEY, '198.51.100.3'),
    ];
    expect(statuses(answers)).toEqual([200, 200, 200]);
    const refused = await post(TEST_KEY, '198.51.100.4');
    expectTooMany(refused, /^too many requests with this ingest key: at most 3 per 3 s; /);
    // Another key from the same address is not affected.
    expect((await post(OSAKA_KEY, '198.51.100.1')).status).toBe(200);
    // Keys nobody issued count against their address, so guessing cannot open new budgets.
    const guesses = await repeat(4, () =>
      post(`guess-${Math.random()}-0123456789`, '198.51.100.9'),
    );
    expect(statuses(guesses)).toEqual([401, 401, 401, 429]);
    expect(guesses[3]?.body.detail).toMatch(/^too many requests from this address: at most 3 /);
    // Ingest does not use up the address's budget for the rest of the API.
    expect((await call(app, '/api/v1/live', '198.51.100.1')).status).toBe(401);
  });

  it('counts a key an admin issued per key too', async () => {
    // The admin's session was counted by the tests before: start from a fresh window.
    await sleep(WINDOW_SECONDS * 1000 + 200);
    const made = await call(app, '/api/v1/ingest-keys', '198.51.100.30', {
      method: 'POST',
      token: await app.adminToken(),
      body: JSON.stringify({ tenant: 'default', label: 'PBX' }),
    });
    expect(made.status).toBe(201);
    const key = String(made.body['key']);
    let n = 0;
    const post = (from: string) =>
      call(app, '/api/v1/events', from, {
        method: 'POST',
        token: key,
        body: JSON.stringify({
          id: `issued-${++n}`,
          type: 'call.offered',
          occurredAt: AT,
          source: 'test',
          callId: `issued-call-${n}`,
          direction: 'inbound',
          queue: 'support',
        }),
      });
    const answers = [
      await post('198.51.100.31'),
      await post('198.51.100.32'),
      await post('198.51.100.33'),
    ];
    expect(statuses(answers)).toEqual([200, 200, 200]);
    expectTooMany(await post('198.51.100.34'), /^too many requests with this ingest key: /);
  });
});

describe('limits switched off', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: { MIERUKA_RATE_LIMIT_PER_IP: '0', MIERUKA_RATE_LIMIT_INGEST: '0' },
    });
  });
  afterAll(() => app.close());

  it('lets any number of requests through when the limit is 0', async () => {
    const answers = await repeat(50, () => call(app, '/api/v1/live', '127.0.0.1'));
    expect(new Set(statuses(answers))).toEqual(new Set([401]));
  });
});

describe('sign-in throttling', () => {
  let app: TestApp;

  const signIn = (from: string, password: string, username = 'sato') =>
    call(app, '/api/v1/auth/login', from, {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: {
        MIERUKA_TRUST_PROXY: '1',
        MIERUKA_LOGIN_MAX_FAILURES: '3',
        MIERUKA_LOGIN_WINDOW_MINUTES: '15',
      },
    });
    await app.app
      .get(UsersService)
      .addUser({ username: 'sato', password: PASSWORD, tenant: 'default', role: 'manager' });
  });
  afterAll(() => app.close());

  it('makes one address wait after failures in a row, without locking the user out elsewhere', async () => {
    const guesser = '203.0.113.50';
    const failures = await repeat(3, () => signIn(guesser, 'wrong-password-123'));
    expect(statuses(failures)).toEqual([401, 401, 401]);
    // Now even the right password waits, from that address…
    const refused = await signIn(guesser, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toBe(
      'too many failed sign-ins for this user from this address: at most 3 per 15 min; retry after 900 s',
    );
    expect(refused.retryAfter).toBe('900');
    // …in any spelling of the name, while the real user signs in from their own desk.
    expect((await signIn(guesser, PASSWORD, 'SATO')).status).toBe(429);
    expect((await signIn('198.51.100.7', PASSWORD)).status).toBe(200);
    // Another user from the guessing address is not affected.
    expect((await signIn(guesser, 'wrong-password-123', 'admin')).status).toBe(401);

    // The wait ends by itself when the window since the first failure has passed.
    app.clock.now += 15 * 60_000;
    expect((await signIn(guesser, PASSWORD)).status).toBe(200);
  });

  it('starts the count over after a success', async () => {
    const from = '203.0.113.60';
    expect(statuses(await repeat(2, () => signIn(from, 'wrong-password-123')))).toEqual([401, 401]);
    expect((await signIn(from, PASSWORD)).status).toBe(200);
    expect(statuses(await repeat(3, () => signIn(from, 'wrong-password-123')))).toEqual([
      401, 401, 401,
    ]);
    expect((await signIn(from, 'wrong-password-123')).status).toBe(429);
  });

  it('counts parallel guesses before trying them, so a burst gets no more tries', async () => {
    const from = '203.0.113.70';
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(from, `wrong-password-${i}-xyz`)),
    );
    expect(statuses(burst).filter((s) => s === 401)).toHaveLength(3);
    expect(statuses(burst).filter((s) => s === 429)).toHaveLength(9);
  });

  it('does not count a malformed sign-in as a failure', async () => {
    const from = '203.0.113.80';
    const malformed = await repeat(5, () =>
      call(app, '/api/v1/auth/login', from, { method: 'POST', body: '{"username":"sato"}' }),
    );
    expect(statuses(malformed)).toEqual([400, 400, 400, 400, 400]);
    expect((await signIn(from, PASSWORD)).status).toBe(200);
  });
});
