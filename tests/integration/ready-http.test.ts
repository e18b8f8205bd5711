import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { HealthAnswer, ReadinessAnswer } from '@mieruka/contracts';
import { IntakeGate } from '../../apps/api/src/http/intake-gate';
import { freePort, until } from '../support/processes';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:00:00.000+09:00';

async function ready(app: TestApp): Promise<{ status: number; body: ReadinessAnswer }> {
  const response = await fetch(`${app.url}/api/v1/ready`);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as ReadinessAnswer };
}

async function health(app: TestApp): Promise<{ status: number; body: HealthAnswer }> {
  const response = await fetch(`${app.url}/api/v1/health`);
  return { status: response.status, body: (await response.json()) as HealthAnswer };
}

/**
 * Readiness (`/api/v1/ready`) on real parts: chDB, a PBX adapter whose PBX is not there, and
 * the machine's Redis — reached through a proxy the test closes, so Redis "goes away" for this
 * API only. Liveness (`/api/v1/health`) keeps its answer throughout.
 */
describe('GET /api/v1/ready on the embedded store', () => {
  let app: TestApp;

  beforeAll(async () => {
    // An Asterisk that is not there: the adapter keeps trying, disconnected.
    const nobody = await freePort();
    app = await startTestApp({
      at: AT,
      env: { MIERUKA_AMI_URL: `ami://mieruka:s3cret@127.0.0.1:${nobody}` },
    });
  });
  afterAll(() => app.close());

  it('is ready: the store answers; a disconnected PBX is reported, not failing', async () => {
    const { status, body } = await ready(app);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      failing: [],
      info: body.details,
      error: {},
      details: {
        store: { status: 'up', kind: 'chdb' },
        adapters: {
          status: 'up',
          links: { 'asterisk-ami': 'disconnected' },
          disconnected: ['asterisk-ami'],
        },
      },
    });
    // No Kafka, no Redis configured: not checked, not mentioned.
    expect(Object.keys(body.details).sort()).toEqual(['adapters', 'store']);
  });

  it('leaves liveness as it was', async () => {
    const { status, body } = await health(app);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', store: 'chdb', adapters: { 'asterisk-ami': {} } });
    expect(body.uptimeSeconds).toEqual(expect.any(Number));
  });

  it('is documented in OpenAPI', async () => {
    const document = (await (await fetch(`${app.url}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    expect(document.paths['/api/v1/ready']?.['get']?.summary).toMatch(/^Readiness/);
  });

  // Last: the gate stays closed.
  it('turns new requests away once a stop begins, but still answers the probes', async () => {
    const token = await app.adminToken();
    app.app.get(IntakeGate).close();
    expect(await ready(app)).toEqual({
      status: 503,
      body: { status: 'shutting_down', failing: [], details: {} },
    });
    expect((await health(app)).status).toBe(200);
    const refused = await fetch(`${app.url}/api/v1/live`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/shutting down/);
  });
});

describe('GET /api/v1/ready with Redis', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  // A stream of this test's own: the machine's Redis is shared.
  const stream = `mieruka-test-ready-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    proxy = await tcpProxy({ host: '127.0.0.1', port: 6379 });
    app = await startTestApp({
      at: AT,
      env: {
        MIERUKA_REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        MIERUKA_REDIS_STREAM: stream,
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
    const redis = createClient({ url: 'redis://127.0.0.1:6379' });
    await redis.connect();
    await redis.del([stream, `${stream}:stored`]);
    await redis.quit();
  });

  it('is ready while Redis answers PING', async () => {
    // The check's own connection may still be on its way right after start.
    const { body } = await until(
      'ready',
      async () => {
        const answer = await ready(app);
        return answer.status === 200 ? answer : undefined;
      },
      10_000,
    );
    expect(body.details['redis']).toEqual({ status: 'up' });
  });

  it('is not ready, naming Redis, once its port is closed; liveness stays up', async () => {
    await proxy.close();
    const { body } = await until(
      'not ready',
      async () => {
        const answer = await ready(app);
        return answer.status === 503 ? answer : undefined;
      },
      10_000,
    );
    expect(body).toMatchObject({
      status: 'error',
      failing: ['redis'],
      error: { redis: { status: 'down' } },
      details: { store: { status: 'up' }, redis: { status: 'down' } },
    });
    expect(body.details['redis']?.message).toMatch(/ECONNREFUSED|not connected|closed/i);
    expect((await health(app)).status).toBe(200);
  });
});
