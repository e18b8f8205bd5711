import { request } from 'node:http';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, type JoinAnswer } from '@mieruka/contracts';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Security headers (helmet) on every answer, and the origins browsers may call from:
 * MIERUKA_CORS_ORIGINS for REST and for the socket handshake alike.
 */
jest.setTimeout(60_000);

const AT = '2026-11-24T10:00:00.000+09:00';
const ALLOWED = 'https://tv.example.com';
const FOREIGN = 'https://evil.example';

/** The policy as directive → sources. */
function policy(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/**
 * The outcome of a Socket.IO connection attempt over WebSocket with this `Origin` (as a
 * browser sends it; the Node client sends none unless told).
 */
function connect(app: TestApp, token: string, origin?: string): Promise<string> {
  return new Promise((resolve) => {
    const client = io(`${app.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
    const done = (outcome: string) => {
      clearTimeout(timer);
      client.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => done('no answer'), 10_000);
    client.once('connect', () => {
      void client
        .timeout(5_000)
        .emitWithAck('join', {})
        .then((answer: JoinAnswer) => done(answer.ok ? 'joined' : `join refused: ${answer.error}`));
    });
    client.once('connect_error', (error) => done(`refused: ${error.message}`));
  });
}

/** Engine.IO's long-polling handshake, as a browser's XHR would send it. */
const pollingHandshake = (app: TestApp, origin: string) =>
  fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });

describe('security headers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ at: AT });
  });
  afterAll(() => app.close());

  it('puts helmet headers on the API and a strict policy on the wallboard', async () => {
    for (const path of ['/', '/api/v1/health', '/api/v1/nothing-here']) {
      const response = await fetch(`${app.url}${path}`);
      expect({ path, nosniff: response.headers.get('x-content-type-options') }).toEqual({
        path,
        nosniff: 'nosniff',
      });
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = policy(page.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    // Without MIERUKA_PUBLIC_ORIGINS: the socket of the page's own origin only.
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // Plain HTTP on a LAN must keep working: nothing is upgraded to https.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('gives Swagger UI its own policy: images over https, no socket', async () => {
    const response = await fetch(`${app.url}/api/docs`);
    expect(response.status).toBe(200);
    const csp = policy(response.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('the socket origins in the policy come from the settings, never the Host header', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: { MIERUKA_PUBLIC_ORIGINS: 'http://10.0.0.5:3000,https://wallboard.example.com' },
    });
  });
  afterAll(() => app.close());

  it('names the configured addresses’ sockets, also to a caller claiming another host', async () => {
    // fetch() cannot set Host: a raw request, as the attack sent it (finding #9).
    const header = await new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(app.url);
      request({ hostname, port, path: '/', headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(String(response.headers['content-security-policy']));
      })
        .on('error', reject)
        .end();
    });
    expect(policy(header).get('connect-src')).toEqual([
      "'self'",
      'ws://10.0.0.5:3000',
      'wss://wallboard.example.com',
    ]);
    expect(header).not.toContain('evil.example');
  });
});

describe('origins: same origin only by default', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ at: AT });
  });
  afterAll(() => app.close());

  it('grants no other origin on REST', async () => {
    const response = await fetch(`${app.url}/api/v1/health`, { headers: { origin: FOREIGN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts the page’s own origin and clients without one on the socket, nothing else', async () => {
    const token = await app.adminToken();
    expect(await connect(app, token)).toBe('joined');
    expect(await connect(app, token, app.url)).toBe('joined');
    expect(await connect(app, token, FOREIGN)).toMatch(/^refused: /);
    expect(await connect(app, token, ALLOWED)).toMatch(/^refused: /);
    const polling = await pollingHandshake(app, FOREIGN);
    expect(polling.status).toBe(403);
    expect(await polling.text()).toContain(`origin ${FOREIGN} is not allowed`);
  });
});

describe('origins from MIERUKA_CORS_ORIGINS', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ at: AT, env: { MIERUKA_CORS_ORIGINS: ALLOWED } });
  });
  afterAll(() => app.close());

  it('answers a listed origin with CORS headers on REST, and a foreign one without', async () => {
    const allowed = await fetch(`${app.url}/api/v1/health`, { headers: { origin: ALLOWED } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    const foreign = await fetch(`${app.url}/api/v1/health`, { headers: { origin: FOREIGN } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a listed origin send a token in a preflighted request, and no one else', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.url}/api/v1/live`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const foreign = await preflight(FOREIGN);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('applies the same list to the socket handshake', async () => {
    const token = await app.adminToken();
    expect(await connect(app, token, ALLOWED)).toBe('joined');
    expect(await connect(app, token, app.url)).toBe('joined');
    expect(await connect(app, token, FOREIGN)).toMatch(/^refused: /);

    const allowed = await pollingHandshake(app, ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const foreign = await pollingHandshake(app, FOREIGN);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
