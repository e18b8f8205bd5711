/**
 * Alerts that leave the TV, end to end: rules saved through the admin API, events posted
 * through ingest, messages arriving at local receivers (an HTTP server for the generic webhook,
 * Slack and Teams; smtp-server for e-mail). A breach and its clearing reach all four; a
 * flapping number sends once within its cool-down; quiet hours (on the tenant's clock, set by
 * the test's clock — never the machine's) hold a breach back until they end; a failing
 * receiver shows as a failure in the admins' list and the audit log; and no secret (Slack and
 * Teams URLs, the signing secret, the SMTP password) appears in an answer, the audit or a log.
 */
import fs from 'node:fs';
import { verifySignature } from '@mieruka/adapters';
import type { AlertDelivery, AlertSettingsAnswer, AuditEntry } from '@mieruka/contracts';
import { testDatabaseName } from '@mieruka/store/testing';
import { AlertEvaluator } from '../../apps/api/src/alerts/alert-evaluator';
import {
  mailHeader,
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../support/alert-receivers';
import { until } from '../support/processes';
import { addUsers, postEvents, startTestApp, type TestApp } from '../support/test-app';

// A Tuesday morning in Tokyo, the default tenant's zone.
const AT = Date.parse('2026-12-01T10:00:00+09:00');
const SIGNING_SECRET = 'signing-secret-0123456789abcdef';
const SLACK_PATH = '/slack/T0000/B0000/slack-token-s3cr3t';
const TEAMS_PATH = '/teams/workflows/teams-sig-s3cr3t';
const DEAD_SLACK_PATH = '/fail/slack/dead-slack-s3cr3t';
const SMTP_USER = 'alerts@example.test';
const SMTP_PASSWORD = 'smtp-Passw0rd-s3cr3t';
const SECRETS = [
  SIGNING_SECRET,
  'slack-token-s3cr3t',
  'teams-sig-s3cr3t',
  'dead-slack-s3cr3t',
  SMTP_PASSWORD,
];

// One database for both runs of the app (the restart test).
const ENV = { MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName(), MIERUKA_LOG_LEVEL: 'debug' };

/** Everything pino writes to stdout while the app runs (kept, not printed). */
const logs: string[] = [];
const realWrite = fs.write.bind(fs);
const realWriteSync = fs.writeSync.bind(fs);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const offered = (id: string, queue: string, at: number) =>
  JSON.stringify({
    id: `off-${id}`,
    tenant: 'default',
    type: 'call.offered',
    occurredAt: iso(at),
    source: 'pbx',
    callId: id,
    direction: 'inbound',
    queue,
  });
const abandoned = (id: string, queue: string, at: number) =>
  JSON.stringify({
    id: `ab-${id}`,
    tenant: 'default',
    type: 'call.abandoned',
    occurredAt: iso(at),
    source: 'pbx',
    callId: id,
    direction: 'inbound',
    queue,
    waitMs: 30_000,
  });

describe('alerts to a webhook, Slack, Teams and e-mail', () => {
  let app: TestApp;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let evaluator: AlertEvaluator;
  /** Every answer the API gave, as text, for the search for secrets. */
  const answers: string[] = [];

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${app.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await app.adminToken()}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    answers.push(await response.clone().text());
    return response;
  }

  const settings = () => ({
    language: 'en',
    channels: [
      {
        id: 'hook',
        name: 'Ops webhook',
        kind: 'webhook',
        url: `${http.url}/hook`,
        signingSecret: SIGNING_SECRET,
      },
      { id: 'slack', name: 'Floor channel', kind: 'slack', url: `${http.url}${SLACK_PATH}` },
      { id: 'teams', name: 'Managers', kind: 'teams', url: `${http.url}${TEAMS_PATH}` },
      {
        id: 'mail',
        name: 'Supervisors',
        kind: 'email',
        host: '127.0.0.1',
        port: smtp.port,
        user: SMTP_USER,
        password: SMTP_PASSWORD,
        from: 'mieruka@example.test',
        to: ['floor@example.test'],
      },
      {
        id: 'dead-hook',
        name: 'Broken',
        kind: 'webhook',
        url: `${http.url}/fail/hook`,
        signingSecret: SIGNING_SECRET,
      },
      {
        id: 'dead-slack',
        name: 'Broken Slack',
        kind: 'slack',
        url: `${http.url}${DEAD_SLACK_PATH}`,
      },
    ],
    rules: [
      {
        id: 'queue-long',
        name: 'Support queue long',
        metric: 'live.inQueue',
        scope: 'queue:support',
        op: 'above',
        threshold: 1,
        cooldownMs: 0,
        channels: ['hook', 'slack', 'teams', 'mail'],
      },
      {
        id: 'flap',
        name: 'Sales waiting',
        metric: 'live.inQueue',
        scope: 'queue:sales',
        op: 'above',
        threshold: 0,
        cooldownMs: 600_000,
        channels: ['hook'],
      },
      {
        id: 'night',
        name: 'Night line rang',
        metric: 'windows.today.offered',
        scope: 'queue:night',
        op: 'above',
        threshold: 0,
        cooldownMs: 0,
        // Tenant time; the app's clock reads 10:00 in Tokyo (01:00 UTC).
        quietHours: { from: '09:00', to: '12:00' },
        channels: ['hook'],
      },
      {
        id: 'stuck',
        name: 'Orders stuck',
        metric: 'orders.stuck',
        op: 'above',
        threshold: 0,
        cooldownMs: 0,
        channels: ['hook'],
      },
      {
        id: 'broken',
        name: 'Broken receivers',
        metric: 'windows.today.offered',
        scope: 'queue:broken',
        op: 'above',
        threshold: 0,
        cooldownMs: 0,
        channels: ['dead-hook', 'dead-slack'],
      },
    ],
  });

  /** The generic webhook's posts of one rule, parsed. */
  const hookPosts = (rule: string) =>
    http.posts
      .filter((p) => p.path === '/hook')
      .map(
        (p) =>
          JSON.parse(p.body) as { kind: string; rule: { id: string }; at: string; text: string },
      )
      .filter((b) => b.rule.id === rule);

  beforeAll(async () => {
    jest.spyOn(fs, 'writeSync').mockImplementation(((
      fd: number,
      data: unknown,
      ...rest: never[]
    ) => {
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
    http = await startHttpReceiver();
    smtp = await startSmtpReceiver(SMTP_USER, SMTP_PASSWORD);
    app = await startTestApp({ at: AT, env: ENV });
    evaluator = app.app.get(AlertEvaluator);
  });

  afterAll(async () => {
    await app?.close();
    await http?.close();
    await smtp?.close();
    jest.restoreAllMocks();
  });

  it('refuses a malformed secret without repeating it', async () => {
    const bad = settings();
    const slack = bad.channels[1] as { url: string };
    slack.url = 'ftp-slack-token-s3cr3t';
    const response = await call('/api/v1/alerts/default', {
      method: 'PUT',
      body: JSON.stringify(bad),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('s3cr3t');
  });

  it('saves rules and answers the secrets by id only', async () => {
    const response = await call('/api/v1/alerts/default', {
      method: 'PUT',
      body: JSON.stringify(settings()),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { settings: { channels: Record<string, unknown>[] } };
    expect(answer.settings.channels[1]?.['url']).toEqual({ keep: expect.any(String) });
    expect(answer.settings.channels[0]?.['url']).toBe(`${http.url}/hook`);
    // Sent back as answered, the secrets are kept.
    const again = await call('/api/v1/alerts/default', {
      method: 'PUT',
      body: JSON.stringify(answer.settings),
    });
    expect(again.status).toBe(200);
  });

  it('adds and removes one rule, keeping the others and the channels’ secrets', async () => {
    const read = async () =>
      ((await (await call('/api/v1/alerts/default')).json()) as AlertSettingsAnswer).settings;
    const before = await read();
    const put = await call('/api/v1/alerts/default/rules/extra', {
      method: 'PUT',
      body: JSON.stringify({
        name: 'Extra',
        metric: 'live.inQueue',
        op: 'above',
        threshold: 99,
        channels: ['hook'],
      }),
    });
    expect(put.status).toBe(200);
    const added = ((await put.json()) as AlertSettingsAnswer).settings;
    expect(added.rules.map((r) => r.id)).toEqual([...before.rules.map((r) => r.id), 'extra']);
    expect(added.channels).toEqual(before.channels);
    const removed = await call('/api/v1/alerts/default/rules/extra', { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const again = await call('/api/v1/alerts/default/rules/extra', { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await read()).toEqual(before);
  });

  it('sends a breach to all four channels, then its clearing', async () => {
    await postEvents(
      app,
      [offered('s1', 'support', AT - 20_000), offered('s2', 'support', AT - 10_000)].join('\n'),
    );
    await until(
      'the breach on every channel',
      () => {
        const done =
          hookPosts('queue-long').length === 1 &&
          http.posts.some((p) => p.path === SLACK_PATH) &&
          http.posts.some((p) => p.path === TEAMS_PATH) &&
          smtp.mails.length === 1;
        return Promise.resolve(done || undefined);
      },
      15_000,
    );
    const [hook] = http.posts.filter((p) => p.path === '/hook');
    const check = verifySignature({
      header: String(hook?.headers['mieruka-signature']),
      body: hook?.body ?? '',
      secrets: [SIGNING_SECRET],
      now: app.clock.now,
    });
    expect(check.ok).toBe(true);
    expect(hookPosts('queue-long')[0]).toMatchObject({
      kind: 'breach',
      at: '2026-12-01T10:00:00.000+09:00',
    });
    const slack = JSON.parse(http.posts.find((p) => p.path === SLACK_PATH)?.body ?? '{}') as {
      text: string;
    };
    expect(slack.text).toContain('[Breached] Support queue long');
    expect(slack.text).toContain('Calls in queue is 2, above the threshold of 1');
    const teams = JSON.parse(http.posts.find((p) => p.path === TEAMS_PATH)?.body ?? '{}') as {
      attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[];
    };
    expect(teams.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0]?.content.body[0]?.text).toBe('[Breached] Support queue long');
    const [mail] = smtp.mails;
    expect(mail).toMatchObject({
      from: 'mieruka@example.test',
      to: ['floor@example.test'],
      user: SMTP_USER,
    });
    expect(mailHeader(mail?.raw ?? '', 'Subject')).toBe('[Breached] Support queue long');

    app.clock.now = AT + 60_000;
    await postEvents(
      app,
      [abandoned('s1', 'support', AT + 50_000), abandoned('s2', 'support', AT + 55_000)].join('\n'),
    );
    await until(
      'the clearing on every channel',
      () => {
        const done =
          hookPosts('queue-long').length === 2 &&
          http.posts.filter((p) => p.path === SLACK_PATH).length === 2 &&
          http.posts.filter((p) => p.path === TEAMS_PATH).length === 2 &&
          smtp.mails.length === 2;
        return Promise.resolve(done || undefined);
      },
      15_000,
    );
    expect(hookPosts('queue-long')[1]?.kind).toBe('clear');
    expect(mailHeader(smtp.mails[1]?.raw ?? '', 'Subject')).toBe('[Cleared] Support queue long');
  });

  it('sends a number flapping within its cool-down once', async () => {
    let at = AT + 120_000;
    const flip = async (line: string) => {
      app.clock.now = at;
      await postEvents(app, line);
      evaluator.evaluate('default');
      at += 20_000;
    };
    await flip(offered('f1', 'sales', at - 1000));
    await flip(abandoned('f1', 'sales', at - 1000));
    await flip(offered('f2', 'sales', at - 1000));
    await flip(abandoned('f2', 'sales', at - 1000));
    await flip(offered('f3', 'sales', at - 1000));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hookPosts('flap').map((b) => b.kind)).toEqual(['breach']);
  });

  it('holds a breach back in quiet hours and sends it when they end, if it still stands', async () => {
    app.clock.now = AT + 300_000;
    await postEvents(app, offered('n1', 'night', AT + 290_000));
    evaluator.evaluate('default');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hookPosts('night')).toEqual([]);

    app.clock.now = Date.parse('2026-12-01T12:00:30+09:00');
    evaluator.evaluate('default');
    await until(
      'the breach after the quiet hours',
      () => Promise.resolve(hookPosts('night')[0]),
      10_000,
    );
    expect(hookPosts('night')[0]).toMatchObject({
      kind: 'breach',
      at: '2026-12-01T12:00:30.000+09:00',
    });
  });

  it('sends a breach when an order gets stuck, and clears when it ships', async () => {
    const order = (id: string, type: string, extra: Record<string, unknown>) =>
      JSON.stringify({
        id,
        tenant: 'default',
        type,
        occurredAt: iso(app.clock.now - 1000),
        source: 'ec',
        orderId: 'o-1',
        ...extra,
      });
    await postEvents(
      app,
      [
        order('o1-confirmed', 'order.confirmed', {
          callId: 'c-o1',
          agentId: 'a1',
          queue: 'orders',
          amount: 5000,
          currency: 'JPY',
        }),
        order('o1-held', 'order.held', { reason: 'address_incomplete' }),
      ].join('\n'),
    );
    await until('the stuck order’s breach', () => Promise.resolve(hookPosts('stuck')[0]), 10_000);
    expect(hookPosts('stuck')[0]?.text).toContain('Stuck orders is 1, above the threshold of 0');
    app.clock.now += 60_000;
    await postEvents(
      app,
      [
        order('o1-paid', 'order.paid', { amount: 5000, currency: 'JPY' }),
        order('o1-shipped', 'order.shipped', {}),
      ].join('\n'),
    );
    await until('the stuck order’s clearing', () => Promise.resolve(hookPosts('stuck')[1]), 10_000);
    expect(hookPosts('stuck')[1]?.kind).toBe('clear');
  });

  it('lists a failing receiver’s failures for admins and in the audit log', async () => {
    await postEvents(app, offered('b1', 'broken', app.clock.now - 1000));
    const failed = await until(
      'both failures listed',
      async () => {
        const response = await call('/api/v1/alerts/default/deliveries');
        const list = (await response.json()) as AlertDelivery[];
        const broken = list.filter((d) => d.rule === 'broken');
        return broken.length === 2 ? broken : undefined;
      },
      30_000,
    );
    for (const delivery of failed) {
      expect(delivery).toMatchObject({
        outcome: 'failed',
        kind: 'breach',
        attempts: 4,
        error: 'HTTP 500',
      });
    }
    expect(failed.map((d) => d.channel).sort()).toEqual(['dead-hook', 'dead-slack']);
    const response = await call('/api/v1/audit?limit=1000');
    const audit = (await response.json()) as AuditEntry[];
    expect(audit.filter((e) => e.action === 'alert.failed')).toHaveLength(2);
    expect(audit.filter((e) => e.action === 'alert.sent').length).toBeGreaterThanOrEqual(8);
    expect(audit.some((e) => e.action === 'alerts.save')).toBe(true);
    const sent = (await (
      await call('/api/v1/alerts/default/deliveries')
    ).json()) as AlertDelivery[];
    expect(
      sent.some((d) => d.rule === 'queue-long' && d.channel === 'slack' && d.outcome === 'sent'),
    ).toBe(true);
  });

  it('is for admins of the tenant only', async () => {
    const tokens = await addUsers(app, 'a-long-enough-password', [
      ['floor-manager', 'default', 'manager'],
      ['osaka-admin', 'osaka', 'admin'],
    ]);
    const as = async (token: string, path: string, init: RequestInit = {}) => {
      const response = await fetch(`${app.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      answers.push(await response.clone().text());
      return response.status;
    };
    expect(await as(tokens['floor-manager'], '/api/v1/alerts/default')).toBe(403);
    expect(await as(tokens['osaka-admin'], '/api/v1/alerts/default')).toBe(403);
    expect(await as(tokens['osaka-admin'], '/api/v1/alerts/default/deliveries')).toBe(403);
    expect(
      await as(tokens['osaka-admin'], '/api/v1/alerts/default/rules/flap', { method: 'DELETE' }),
    ).toBe(403);
    expect(await as(tokens['osaka-admin'], '/api/v1/alerts/osaka')).toBe(200);
  });

  it('does not announce again after a restart what people were already told', async () => {
    const deliveries = async () =>
      ((await (await call('/api/v1/alerts/default/deliveries?limit=1000')).json()) as unknown[])
        .length;
    const before = { posts: http.posts.length, deliveries: await deliveries() };
    const at = app.clock.now;
    await app.close();
    app = await startTestApp({ at, env: ENV });
    app.app.get(AlertEvaluator).evaluate('default');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Night and broken still stand breached, the others clear, as last told.
    expect({ posts: http.posts.length, deliveries: await deliveries() }).toEqual(before);
  });

  it('never shows a secret in an answer, the audit log or a log line', async () => {
    await call('/api/v1/alerts/default');
    // The log is really read: it has the sends and the failures, by rule and channel id.
    expect(logs.join('')).toContain('alert breach sent');
    expect(logs.join('')).toContain('alert breach not delivered');
    const seen = [...answers, ...logs].join('\n');
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });
});
