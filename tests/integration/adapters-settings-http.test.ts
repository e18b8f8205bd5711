/**
 * CTI adapter settings through the admin API: answered from the environment until saved,
 * never with a secret's value; a save is validated (every problem named, nothing kept),
 * in effect at once without a restart (a rotated webhook secret, an AMI switched on, moved,
 * off), reaches another instance by polling, survives a restart, is audited without secrets,
 * and only admins of the adapter's tenant may touch it.
 */
import type { AdapterAnswer, AuditEntry } from '@mieruka/contracts';
import { createSignatureHeader } from '@mieruka/adapters';
import { testDatabaseName } from '@mieruka/store/testing';
import { adapterHealth, adapterReaches } from '../support/adapters';
import { ScriptedServer, type ScriptStep } from '../support/scripted-server';
import { addUsers, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:07:00.000+09:00';
const NOW_S = Date.parse(AT) / 1000;
const ENV_SECRET = 'env-secret-0123456789abcdef';
const OSAKA_SECRET = 'osaka-secret-0123456789abcdef';
const NEW_SECRET = 'rotated-secret-0123456789abcdef';
const AMI_PASSWORD = 'pbx-Passw0rd';
const PASSWORD = 'a-long-enough-password';

const event = (id: string, tenant = 'default') =>
  JSON.stringify({
    id,
    tenant,
    type: 'call.offered',
    occurredAt: '2026-11-24T10:00:00.000+09:00',
    source: 'crm',
    callId: id,
    direction: 'inbound',
    queue: 'support',
  });

function postSigned(app: TestApp, body: string, secret: string): Promise<Response> {
  return fetch(`${app.url}/api/v1/webhooks/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      'mieruka-signature': createSignatureHeader({ body, secrets: secret, timestamp: NOW_S - 1 }),
    },
    body,
  });
}

/** An AMI that greets, takes the login with this password and answers QueueStatus. */
const amiSession: ScriptStep[] = [
  { send: 'Asterisk Call Manager/9.0.0\r\n' },
  { expect: new RegExp(`Username: mieruka\r\nSecret: ${AMI_PASSWORD}\r\n`) },
  {
    send: 'Response: Success\r\nActionID: mieruka-login\r\nMessage: Authentication accepted\r\n\r\n',
  },
  { expect: /Action: QueueStatus\r\n/ },
  { send: 'Event: QueueStatusComplete\r\nEventList: Complete\r\nListItems: 0\r\n\r\n' },
];

describe('/api/v1/adapters', () => {
  const env = {
    MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName(),
    MIERUKA_WEBHOOK_SECRETS: `${ENV_SECRET},osaka:${OSAKA_SECRET}`,
    MIERUKA_ADAPTER_RETRY_MIN_MS: '50',
    MIERUKA_ADAPTER_RETRY_MAX_MS: '200',
  };
  let app: TestApp;
  let peer: TestApp | undefined;
  let ami: ScriptedServer;

  beforeAll(async () => {
    app = await startTestApp({ at: AT, env });
    ami = await ScriptedServer.start([amiSession]);
  });
  afterAll(async () => {
    await peer?.close();
    await app.close();
    await ami.close();
  });

  async function call(
    bearer: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; text: string }> {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, text };
  }
  const put = async (name: string, body: unknown) =>
    call(await app.adminToken(), 'PUT', `/api/v1/adapters/${name}`, body);
  const settingsOf = async (name: string) =>
    ((await call(await app.adminToken(), 'GET', `/api/v1/adapters/${name}`)).body as AdapterAnswer)
      .settings;

  it('answers every adapter’s settings from the environment, secrets only by id', async () => {
    const answer = await call(await app.adminToken(), 'GET', '/api/v1/adapters');
    expect(answer.status).toBe(200);
    const list = answer.body as AdapterAnswer[];
    expect(list.map((a) => a.name)).toEqual([
      'webhook',
      'twilio',
      'amazon-connect',
      'shopify',
      'asterisk-ami',
      'asterisk-queue-log',
      'freeswitch',
    ]);
    expect(list[0]).toMatchObject({
      source: 'env',
      updatedAt: null,
      settings: {
        enabled: true,
        secrets: [
          { secret: { keep: 'env-webhook-1' } },
          { tenant: 'osaka', secret: { keep: 'env-webhook-2' } },
        ],
      },
      health: { accepted: 0 },
    });
    expect(list.find((a) => a.name === 'asterisk-ami')).toMatchObject({
      settings: { enabled: false, port: 5038, tenant: 'default' },
      health: null,
    });
    expect(answer.text).not.toContain(ENV_SECRET);
    expect(answer.text).not.toContain(OSAKA_SECRET);
  });

  it('rotates the webhook’s secret at once, keeping the one sent back by id', async () => {
    const saved = await put('webhook', {
      enabled: true,
      secrets: [{ secret: NEW_SECRET }, { tenant: 'osaka', secret: { keep: 'env-webhook-2' } }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ source: 'stored', updatedBy: 'admin' });
    const secrets = (saved.body as AdapterAnswer & { settings: { secrets: unknown[] } }).settings
      .secrets;
    expect(secrets).toEqual([
      { secret: { keep: expect.stringMatching(/^s-[0-9a-f]{12}$/) as unknown } },
      { tenant: 'osaka', secret: { keep: 'env-webhook-2' } },
    ]);
    expect(saved.text).not.toContain(NEW_SECRET);

    expect((await postSigned(app, event('rot-1'), NEW_SECRET)).status).toBe(200);
    expect((await postSigned(app, event('rot-2'), ENV_SECRET)).status).toBe(401);
    expect((await postSigned(app, event('rot-3', 'osaka'), OSAKA_SECRET)).status).toBe(200);
    expect((await adapterHealth(app, 'webhook')).accepted).toBe(2);
  });

  it('names every problem and keeps nothing of a refused save', async () => {
    const before = await settingsOf('webhook');
    const unknownId = await put('webhook', {
      enabled: true,
      secrets: [{ secret: { keep: 's-000000000000' } }, { secret: 'short' }],
    });
    expect(unknownId.status).toBe(400);
    const detail = (unknownId.body as { detail: string }).detail;
    expect(detail).toContain('secrets.0.secret: no stored secret has the id s-000000000000');
    expect(detail).toContain('secrets.1.secret: must be 16–256 characters');

    const incomplete = await put('asterisk-ami', { enabled: true, username: 'mieruka' });
    expect(incomplete.status).toBe(400);
    expect((incomplete.body as { detail: string }).detail).toBe(
      'host: is required to connect to the AMI; secret: is required: the AMI login needs it',
    );
    const wrongTypes = await put('asterisk-ami', { enabled: 'yes', port: 70_000, extra: 1 });
    expect(wrongTypes.status).toBe(400);
    for (const field of ['enabled:', 'port:', 'Unrecognized key: "extra"']) {
      expect((wrongTypes.body as { detail: string }).detail).toContain(field);
    }
    expect((await put('pbx-9000', { enabled: true })).status).toBe(404);
    expect(await settingsOf('webhook')).toEqual(before);
    expect((await settingsOf('asterisk-ami')).enabled).toBe(false);
  });

  it('connects the AMI once enabled, reconnects with a kept password, and stops when disabled', async () => {
    const on = await put('asterisk-ami', {
      enabled: true,
      host: '127.0.0.1',
      port: ami.port,
      username: 'mieruka',
      secret: AMI_PASSWORD,
    });
    expect(on.status).toBe(200);
    expect(on.text).not.toContain(AMI_PASSWORD);
    await adapterReaches(app, 'asterisk-ami', (r) => r.connected === true);
    expect(ami.received).toHaveLength(1);

    // A changed setting restarts the client; the password sent back by id logs in again.
    const kept = (await settingsOf('asterisk-ami')) as { secret: { keep: string } };
    const moved = await put('asterisk-ami', {
      enabled: true,
      host: '127.0.0.1',
      port: ami.port,
      username: 'mieruka',
      secret: kept.secret,
      wrapupSeconds: 15,
    });
    expect(moved.status).toBe(200);
    await adapterReaches(app, 'asterisk-ami', (r) => r.connected === true);
    expect(ami.received).toHaveLength(2);

    const off = await put('asterisk-ami', {
      enabled: false,
      host: '127.0.0.1',
      port: ami.port,
      username: 'mieruka',
      secret: kept.secret,
    });
    expect(off.status).toBe(200);
    expect((off.body as AdapterAnswer).health).toBeNull();
    const health = (await (await fetch(`${app.url}/api/v1/health`)).json()) as {
      adapters: Record<string, unknown>;
    };
    expect(Object.keys(health.adapters)).toEqual(['webhook']);
  });

  it('reaches another instance on the same database within seconds', async () => {
    peer = await startTestApp({ at: AT, env });
    // Read at its start.
    expect((await postSigned(peer, event('peer-1'), NEW_SECRET)).status).toBe(200);
    const another = 'another-secret-0123456789abcdef';
    const saved = await put('webhook', { enabled: true, secrets: [{ secret: another }] });
    expect(saved.status).toBe(200);
    const deadline = performance.now() + 15_000;
    let status = 0;
    for (let n = 0; status !== 200 && performance.now() < deadline; n++) {
      status = (await postSigned(peer, event(`peer-2-${n}`), another)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await postSigned(peer, event('peer-3'), NEW_SECRET)).status).toBe(401);
    await peer.close();
    peer = undefined;
  }, 40_000);

  it('lets admins of a tenant change only the adapters posting into it', async () => {
    const {
      'osaka-admin': osaka,
      'default-admin': own,
      'default-manager': manager,
    } = await addUsers(app, PASSWORD, [
      ['osaka-admin', 'osaka', 'admin'],
      ['default-admin', 'default', 'admin'],
      ['default-manager', 'default', 'manager'],
    ]);
    const names = (answer: { body: unknown }) =>
      (answer.body as AdapterAnswer[]).map((a) => a.name);

    expect(names(await call(osaka, 'GET', '/api/v1/adapters'))).toEqual([]);
    expect(names(await call(own, 'GET', '/api/v1/adapters'))).toEqual([
      'twilio',
      'amazon-connect',
      'shopify',
      'asterisk-ami',
      'asterisk-queue-log',
      'freeswitch',
    ]);
    expect((await call(manager, 'GET', '/api/v1/adapters')).status).toBe(403);
    expect((await call(osaka, 'GET', '/api/v1/adapters/freeswitch')).status).toBe(403);
    const webhook = await call(own, 'PUT', '/api/v1/adapters/webhook', { enabled: false });
    expect(webhook.status).toBe(403);
    expect((webhook.body as { detail: string }).detail).toContain('only an admin of all tenants');
    // Not into another tenant either.
    const elsewhere = { enabled: true, tenant: 'osaka', file: '/var/log/asterisk/queue_log' };
    expect((await call(own, 'PUT', '/api/v1/adapters/asterisk-queue-log', elsewhere)).status).toBe(
      403,
    );
    const mine = await call(own, 'PUT', '/api/v1/adapters/freeswitch', {
      enabled: false,
      wrapupSeconds: 20,
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      updatedBy: 'default-admin',
      settings: { wrapupSeconds: 20 },
    });
    expect((await settingsOf('asterisk-queue-log')).enabled).toBe(false);
  });

  it('audits every save with the fields that changed, never a secret', async () => {
    const answer = await call(await app.adminToken(), 'GET', '/api/v1/audit');
    const saves = (answer.body as AuditEntry[]).filter((e) => e.action === 'adapter.save');
    expect(saves.map((e) => [e.actor, e.target, e.tenant, e.summary])).toEqual(
      expect.arrayContaining([
        ['admin', 'webhook', '*', { secrets: 'changed' }],
        [
          'admin',
          'asterisk-ami',
          'default',
          {
            enabled: true,
            host: '127.0.0.1',
            port: ami.port,
            username: 'mieruka',
            secret: 'changed',
          },
        ],
        ['admin', 'asterisk-ami', 'default', { wrapupSeconds: 15 }],
        ['admin', 'asterisk-ami', 'default', { enabled: false, wrapupSeconds: 0 }],
        ['default-admin', 'freeswitch', 'default', { wrapupSeconds: 20 }],
      ]),
    );
    expect(saves).toHaveLength(6);
    for (const secret of [ENV_SECRET, OSAKA_SECRET, NEW_SECRET, AMI_PASSWORD]) {
      expect(answer.text).not.toContain(secret);
    }
  });

  it('keeps the saved settings across a restart', async () => {
    await app.close();
    app = await startTestApp({ at: AT, env });
    const answer = await call(await app.adminToken(), 'GET', '/api/v1/adapters/webhook');
    expect(answer.body).toMatchObject({ source: 'stored', updatedBy: 'admin' });
    expect(
      (await postSigned(app, event('after-restart'), 'another-secret-0123456789abcdef')).status,
    ).toBe(200);
    expect((await postSigned(app, event('env-again'), ENV_SECRET)).status).toBe(401);
  });
});
