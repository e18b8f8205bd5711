/**
 * No credential reaches the output. A realistic session against an API process logging at
 * debug: sign-in (and a wrong password), refresh, admin changes, a paired TV on /live, ingest
 * with keys (accepted, rejected, duplicate, a wrong key), a token in a query string, every
 * HTTP adapter's signed call (valid and forged), TCP adapters whose PBX is down, adapter
 * settings with a new secret, revocations, logout and a reused refresh token. Then every
 * secret issued or sent is searched for in the log, the dead letters, the audit log,
 * /metrics, the adapters' health and settings, and every answer that is not a credential's
 * own creation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type CreatedDisplayToken,
  type CreatedIngestKey,
  type JoinAnswer,
  type SessionAnswer,
} from '@mieruka/contracts';
import {
  computeShopifyHmac,
  computeTwilioSignature,
  createSignatureHeader,
} from '@mieruka/adapters';
import { processClock } from '../support/clock';
import { freePort, healthy, startApiProcess, type ApiProcess } from '../support/processes';

jest.setTimeout(180_000);

const AT = Date.parse('2026-11-24T10:07:00+09:00');
const CLOCK = processClock(AT);

/** Every credential the session sends or is given, by what it is. */
const secrets = new Map<string, string>([
  ['admin password', 'admin-password-never-logged-0123'],
  ['a wrong password', 'wrong-password-never-logged-4567'],
  ['a new user’s password', 'supervisor-password-never-logged-89'],
  ['the settings’ ingest key', 'env-ingest-key-never-logged-0123456789'],
  ['a wrong ingest key', 'mik_wrongkeyneverlogged0123456789abcdef'],
  ['the session secret', 'session-secret-never-logged-0123456789abcdef'],
  ['the webhook secret', 'webhook-secret-never-logged-0123456789'],
  ['the Twilio auth token', 'twilioAuthTokenNeverLogged0123456789'],
  ['the Firehose access key', 'firehose-access-key-never-logged-0123456789'],
  ['a wrong Firehose key', 'firehose-wrong-key-never-logged-0123456789'],
  ['the Shopify client secret', 'shpss_shopifySecretNeverLogged0123456789'],
  ['a wrong Shopify secret', 'shpss_shopifyWrongNeverLogged0123456789'],
  ['the AMI secret', 'amiSecretNeverLogged0123'],
  ['the FreeSWITCH password', 'eslPasswordNeverLogged0123'],
  ['a new AMI secret', 'amiNewSecretNeverLogged4567'],
]);
const secret = (name: string): string => secrets.get(name)!;
/** A credential only seen once the session runs (a token, a key, a signature). */
const learn = (name: string, value: string): string => {
  secrets.set(name, value);
  return value;
};

const TWILIO_URL = 'https://wallboard.example.com';
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'call.offered',
  occurredAt: new Date(AT - 60_000).toISOString(),
  source: 'secrets-test',
  callId: `call-${id}`,
  direction: 'inbound',
  queue: 'support',
  ...extra,
});

describe('secrets in what the API writes and answers', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-secrets-'));
  let api: ApiProcess;
  let base: string;
  /** Every answer that is not a credential's own creation, as text. */
  const answers: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const closedPort = await freePort(); // the PBX links: nobody listens there
    base = `http://127.0.0.1:${port}`;
    api = startApiProcess({
      ...CLOCK.env,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_LOG_LEVEL: 'debug',
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_ADMIN_USER: 'admin',
      MIERUKA_ADMIN_PASSWORD: secret('admin password'),
      MIERUKA_SESSION_SECRET: secret('the session secret'),
      MIERUKA_INGEST_KEYS: secret('the settings’ ingest key'),
      MIERUKA_WEBHOOK_SECRETS: secret('the webhook secret'),
      MIERUKA_TWILIO_AUTH_TOKENS: secret('the Twilio auth token'),
      MIERUKA_TWILIO_PUBLIC_URL: TWILIO_URL,
      MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: secret('the Firehose access key'),
      MIERUKA_SHOPIFY_SECRETS: secret('the Shopify client secret'),
      MIERUKA_AMI_URL: `ami://mieruka:${secret('the AMI secret')}@127.0.0.1:${closedPort}`,
      MIERUKA_ESL_URL: `esl://:${secret('the FreeSWITCH password')}@127.0.0.1:${closedPort}`,
    });
    await healthy(base, api);
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A request whose answer is kept for the search (`created` answers hold their secret). */
  async function call(
    path: string,
    init: RequestInit & { created?: boolean } = {},
  ): Promise<{ status: number; body: string }> {
    const response = await fetch(`${base}${path}`, init);
    const body = await response.text();
    if (!init.created) answers.push(body);
    return { status: response.status, body };
  }
  const json = (body: unknown, token?: string): RequestInit => ({
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const signIn = async (password: string, which: string): Promise<SessionAnswer> => {
    const { status, body } = await call('/api/v1/auth/login', {
      ...json({ username: 'admin', password }),
      created: true,
    });
    expect(status).toBe(200);
    const session = JSON.parse(body) as SessionAnswer;
    learn(`the ${which} sign-in's access token`, session.accessToken);
    learn(`the ${which} sign-in's refresh token`, session.refreshToken);
    return session;
  };
  const ingest = (key: string, lines: unknown[]) =>
    call('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: lines.map((l) => JSON.stringify(l)).join('\n'),
    });

  it('leaves no credential in the log, dead letters, audit, metrics or any answer', async () => {
    // Sign in, fail once, refresh.
    const first = await signIn(secret('admin password'), 'first');
    expect(
      (
        await call(
          '/api/v1/auth/login',
          json({ username: 'admin', password: secret('a wrong password') }),
        )
      ).status,
    ).toBe(401);
    const refreshed = await call('/api/v1/auth/refresh', {
      ...json({ refreshToken: first.refreshToken }),
      created: true,
    });
    const session = JSON.parse(refreshed.body) as SessionAnswer;
    learn('a refreshed access token', session.accessToken);
    learn('a refreshed refresh token', session.refreshToken);
    const admin = session.accessToken;

    // Admin changes: a user, an ingest key, a display token.
    const user = await call(
      '/api/v1/users',
      json(
        {
          username: 'supervisor1',
          password: secret('a new user’s password'),
          tenant: 'default',
          role: 'supervisor',
        },
        admin,
      ),
    );
    expect(user.status).toBe(201);
    const keyAnswer = await call('/api/v1/ingest-keys', {
      ...json({ tenant: 'default', label: 'order desk' }, admin),
      created: true,
    });
    const key = JSON.parse(keyAnswer.body) as CreatedIngestKey;
    learn('an issued ingest key', key.key);
    const displayAnswer = await call('/api/v1/display-tokens', {
      ...json({ tenant: 'default', wallboard: 'floor', label: 'TV 1' }, admin),
      created: true,
    });
    const display = JSON.parse(displayAnswer.body) as CreatedDisplayToken;
    learn('a display token', display.token);

    // The TV joins /live.
    const tv = io(`${base}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: display.token },
    });
    const joined = (await tv.timeout(10_000).emitWithAck('join', {})) as JoinAnswer;
    expect(joined.ok).toBe(true);
    tv.close();

    // Ingest: accepted, rejected, duplicate; the settings' key; a wrong key.
    const posted = await ingest(key.key, [event('s-1'), { ...event('s-2'), type: 'call.nope' }]);
    expect(posted.status).toBe(200);
    expect((await ingest(key.key, [event('s-1')])).body).toContain('"duplicates":1');
    expect((await ingest(secret('the settings’ ingest key'), [event('s-3')])).status).toBe(200);
    expect((await ingest(secret('a wrong ingest key'), [event('s-4')])).status).toBe(401);

    // A token where none belongs: in the query string.
    const inQuery = await call(
      `/api/v1/live?access_token=${admin}&token=${display.token}&tenant=default`,
    );
    expect(inQuery.status).toBe(401);

    // The webhook: signed (with a bad line among the good), then forged.
    const webhookBody = [event('w-1'), { id: 'w-2' }].map((e) => JSON.stringify(e)).join('\n');
    const signature = learn(
      'a webhook signature',
      createSignatureHeader({
        body: webhookBody,
        secrets: secret('the webhook secret'),
        timestamp: Math.floor(CLOCK.now() / 1000),
      }),
    );
    const webhook = (header: string) =>
      call('/api/v1/webhooks/events', {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', 'mieruka-signature': header },
        body: webhookBody,
      });
    expect((await webhook(signature)).status).toBe(200);
    const forged = learn(
      'a forged webhook signature',
      `t=${Math.floor(CLOCK.now() / 1000)},v1=${'ab'.repeat(32)}`,
    );
    expect((await webhook(forged)).status).toBe(401);

    // Twilio: a signed status callback, then a forged one.
    const fields = {
      CallSid: 'CA0123',
      CallStatus: 'ringing',
      Direction: 'inbound',
      Timestamp: new Date(AT - 30_000).toUTCString(),
    };
    const twilioSignature = learn(
      'a Twilio signature',
      computeTwilioSignature(
        secret('the Twilio auth token'),
        `${TWILIO_URL}/api/v1/twilio/voice`,
        fields,
      ),
    );
    const twilio = (header: string) =>
      call('/api/v1/twilio/voice', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': header,
        },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await twilio(twilioSignature)).status).toBe(200);
    expect(
      (await twilio(learn('a forged Twilio signature', 'Zm9yZ2VkLXNpZ25hdHVyZS0wMTIzNDU2Nzg5')))
        .status,
    ).toBe(403);

    // Amazon Connect through Firehose: the right key (one record not JSON), then a wrong one.
    const firehose = (accessKey: string) =>
      call('/api/v1/amazon-connect/records', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-amz-firehose-request-id': 'req-1',
          'x-amz-firehose-access-key': accessKey,
        },
        body: JSON.stringify({
          requestId: 'req-1',
          timestamp: AT,
          records: [{ data: Buffer.from('not json').toString('base64') }],
        }),
      });
    expect((await firehose(secret('the Firehose access key'))).status).toBe(200);
    expect((await firehose(secret('a wrong Firehose key'))).status).toBe(401);

    // Shopify: a signed order webhook it cannot link (a dead letter), then a forged one.
    const order = JSON.stringify({ id: 5829013405829, currency: 'JPY', total_price: '100' });
    const shopify = (signature: string, webhookId: string) =>
      call('/api/v1/shopify/webhooks', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/paid',
          'x-shopify-webhook-id': webhookId,
          'x-shopify-triggered-at': new Date(CLOCK.now()).toISOString(),
          'x-shopify-hmac-sha256': signature,
        },
        body: order,
      });
    const shopifySignature = learn(
      'a Shopify signature',
      computeShopifyHmac(secret('the Shopify client secret'), order),
    );
    expect((await shopify(shopifySignature, 'w-1')).status).toBe(200);
    const forgedShopify = learn(
      'a forged Shopify signature',
      computeShopifyHmac(secret('a wrong Shopify secret'), order),
    );
    expect((await shopify(forgedShopify, 'w-2')).status).toBe(401);

    // Adapter settings: a new AMI secret, then the answers.
    const ami = await call('/api/v1/adapters/asterisk-ami', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        enabled: true,
        host: '127.0.0.1',
        port: 1,
        username: 'mieruka',
        secret: secret('a new AMI secret'),
      }),
    });
    expect(ami.status).toBe(200);

    // Revocations, logout, and the first refresh token used again (a stolen one).
    const revoke = (path: string) =>
      call(path, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect((await revoke(`/api/v1/ingest-keys/${key.id}`)).status).toBe(204);
    expect((await revoke(`/api/v1/display-tokens/${display.id}`)).status).toBe(204);
    expect(
      (await call('/api/v1/auth/logout', json({ refreshToken: session.refreshToken }))).status,
    ).toBe(204);
    expect(
      (await call('/api/v1/auth/refresh', json({ refreshToken: first.refreshToken }))).status,
    ).toBe(401);

    // What is kept and shown: read with a new session and the settings' key.
    const reader = (await signIn(secret('admin password'), 'last')).accessToken;
    const read = (path: string, token = reader) =>
      call(path, { headers: { authorization: `Bearer ${token}` } });
    const places: Record<string, string> = {
      'dead letters': (
        await read('/api/v1/dead-letters?limit=1000', secret('the settings’ ingest key'))
      ).body,
      'audit log': (await read('/api/v1/audit?limit=1000')).body,
      metrics: (await read('/metrics')).body,
      'adapter health': (await read('/api/v1/health')).body,
      'adapter settings': (await read('/api/v1/adapters')).body,
    };
    await api.stop();
    places.log = api.output();
    places['other answers'] = answers.join('\n');

    const found: string[] = [];
    for (const [name, value] of secrets) {
      for (const [place, text] of Object.entries(places)) {
        if (text.includes(value)) found.push(`${name} in ${place}`);
      }
    }
    expect(found).toEqual([]);
    // The search is worth something only if the places hold what they should.
    expect(places['dead letters']).toContain('call.nope');
    expect(places['dead letters']).toContain('not json');
    expect(places['audit log']).toContain('ingest-key.revoke');
    expect(places.log).toContain('"url":"/api/v1/events"');
    expect(places.log).toContain('"authorization":"[redacted]"');
    expect(places.log).toContain('access_token=[redacted]');
  });
});
