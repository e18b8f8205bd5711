import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, type IngestResponse, type StoreStats } from '@mieruka/contracts';
import { computeTwilioSignature, createSignatureHeader } from '@mieruka/adapters';
import { processClock } from '../support/clock';
import { freePort, healthy, startApiProcess, type ApiProcess } from '../support/processes';
import { ADMIN_PASSWORD, ADMIN_USER, TEST_KEY, login } from '../support/test-app';

jest.setTimeout(600_000);

/** Per request: what a sender would batch; 100 requests × 1,000 lines = the 100k payloads. */
const LINES_PER_REQUEST = 1_000;
const REQUESTS = 100;
const AT = Date.parse('2026-11-24T10:07:00+09:00');
/** The API's clock, from AT on: signatures are stamped with what it reads. */
const CLOCK = processClock(AT);
const WEBHOOK_SECRET = 'hostile-webhook-secret-0123456789';
const TWILIO_TOKEN = 'hostileTwilioToken0123456789';
const TWILIO_URL = 'https://wallboard.example.com';
const FIREHOSE_KEY = 'hostile-firehose-key-0123456789';

/** A valid event to start from: every mutation below is then one kind of damage. */
function validEvent(n: number): Record<string, unknown> {
  return {
    id: `hostile-${n}`,
    type: 'call.wrapped',
    occurredAt: new Date(AT - 60_000).toISOString(),
    source: 'fuzz',
    callId: `call-${n}`,
    direction: 'inbound',
    queue: 'support',
    agentId: 'a1',
    talkMs: 1_000,
    holdMs: 0,
    wrapMs: 0,
    disposition: 'resolved',
  };
}

const deep = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth);

/** One NDJSON line of damage: wrong types, missing fields, junk, depth, size, plain text. */
const hostileLine = (n: number): fc.Arbitrary<string> =>
  fc.oneof(
    // A field replaced by anything at all (numbers for strings, objects for numbers, …).
    fc
      .record({ key: fc.constantFrom(...Object.keys(validEvent(0))), value: fc.jsonValue() })
      .map(({ key, value }) => JSON.stringify({ ...validEvent(n), [key]: value })),
    // A required field missing.
    fc.constantFrom(...Object.keys(validEvent(0))).map((key) => {
      const event = validEvent(n);
      delete event[key];
      return JSON.stringify(event);
    }),
    // Extra keys, prototype names among them.
    fc
      .dictionary(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'attrs', 'x'),
        fc.jsonValue(),
      )
      .map((extra) => JSON.stringify({ ...validEvent(n), ...extra })),
    // Any JSON value, any text.
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    // Deep nesting and huge strings.
    fc.integer({ min: 100, max: 5_000 }).map((d) => deep(d, '[', ']')),
    fc.integer({ min: 100, max: 5_000 }).map((d) => deep(d, '{"a":', '}')),
    fc
      .integer({ min: 10_000, max: 40_000 })
      .map((size) => JSON.stringify({ ...validEvent(n), queue: 'q'.repeat(size) })),
    // Valid: some must still get through, stored exactly once.
    fc.constant(JSON.stringify(validEvent(n))),
  );

describe('hostile input', () => {
  let api: ApiProcess;
  let base: string;
  let adminToken: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-hostile-'));

  /**
   * The API's JavaScript heap in use, from its /metrics. (Not RSS: chDB's native allocator
   * keeps what its merges used, which says nothing about what this code holds on to.)
   */
  const heapUsed = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    return Number(/^mieruka_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = startApiProcess({
      ...CLOCK.env,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_LOG_LEVEL: 'error',
      MIERUKA_INGEST_KEYS: TEST_KEY,
      MIERUKA_ADMIN_USER: ADMIN_USER,
      MIERUKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      MIERUKA_WEBHOOK_SECRETS: WEBHOOK_SECRET,
      MIERUKA_TWILIO_AUTH_TOKENS: TWILIO_TOKEN,
      MIERUKA_TWILIO_PUBLIC_URL: TWILIO_URL,
      MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: FIREHOSE_KEY,
    });
    await healthy(base, api);
    adminToken = (await login(base, ADMIN_USER, ADMIN_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes 100k damaged events: answers each with a reason, stores only valid ones, memory flat', async () => {
    let accepted = 0;
    let rejected = 0;
    // The lowest readings of a stretch approach what survives collection: garbage comes and
    // goes between them, a leak only grows.
    const warmUpHeap: number[] = [];
    const lastHeap: number[] = [];
    for (let r = 0; r < REQUESTS; r++) {
      const lines = Array.from({ length: LINES_PER_REQUEST }, (_, i) => {
        const n = r * LINES_PER_REQUEST + i;
        // The first line an object: a body starting with `[` reads as one JSON array.
        if (i === 0) return JSON.stringify(validEvent(n));
        return fc.sample(hostileLine(n), { numRuns: 1, seed: n })[0]!;
      })
        .map((line) => line.replaceAll('\n', ' ').replaceAll('\r', ' '))
        // A blank line is no payload (NDJSON readers skip it): keep one event per line.
        .map((line) => (line.trim() === '' ? '"blank"' : line));
      const response = await fetch(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/x-ndjson' },
        body: lines.join('\n'),
      });
      if (response.status !== 200) {
        throw new Error(
          `${response.status}: ${await response.text()}\n${api.output().slice(-3000)}`,
        );
      }
      const answer = (await response.json()) as IngestResponse;
      expect(answer.results).toHaveLength(lines.length);
      for (const result of answer.results) {
        if (result.status === 'rejected') {
          expect(result.reason.length).toBeGreaterThan(0);
          rejected++;
        } else if (result.status === 'accepted') {
          accepted++;
          // Only an untouched event (or one whose damage was harmless) is taken.
          const stored = JSON.parse(lines[result.index]!) as Record<string, unknown>;
          expect(stored['id']).toBe(result.id);
        }
      }
      if (r >= 10 && r < 20) warmUpHeap.push(await heapUsed());
      if (r >= REQUESTS - 10) lastHeap.push(await heapUsed());
    }
    expect(accepted).toBeGreaterThan(1_000);
    expect(rejected).toBeGreaterThan(50_000);
    const stats = (await (
      await fetch(`${base}/api/v1/stats`, { headers: { authorization: `Bearer ${adminToken}` } })
    ).json()) as StoreStats;
    expect(stats.total).toBe(accepted);
    // 80k more damaged events after the warm-up must not grow the heap by more than this.
    expect(lastHeap.every(Number.isFinite)).toBe(true);
    expect(Math.min(...lastHeap) - Math.min(...warmUpHeap)).toBeLessThan(64 * 2 ** 20);
  });

  it('answers damaged posts to the adapters’ routes with a reason, storing only valid events', async () => {
    const stats = async () =>
      (
        (await (
          await fetch(`${base}/api/v1/stats`, {
            headers: { authorization: `Bearer ${adminToken}` },
          })
        ).json()) as StoreStats
      ).total;
    const before = await stats();
    let stored = 0;
    const problems: string[] = [];
    /** A refusal must say why; a 5xx is a failure whatever it says. */
    const check = async (what: string, response: Response): Promise<unknown> => {
      const text = await response.text();
      const body = text ? (JSON.parse(text) as { detail?: string }) : {};
      if (response.status >= 500 || (response.status >= 400 && !body.detail)) {
        problems.push(`${what}: ${response.status} ${text.slice(0, 200)}`);
      }
      return body;
    };

    // The signed webhook: 20 posts of 500 damaged lines, correctly signed (the damage is in
    // the events), then forged and broken signature headers.
    for (let r = 0; r < 20; r++) {
      const body = Array.from({ length: 500 }, (_, i) => {
        const n = 1_000_000 + r * 500 + i;
        if (i === 0) return JSON.stringify(validEvent(n));
        const line = fc.sample(hostileLine(n), { numRuns: 1, seed: n })[0]!;
        return line.replace(/[\r\n]/g, ' ').trim() || '"blank"';
      }).join('\n');
      const signature = createSignatureHeader({
        body,
        secrets: WEBHOOK_SECRET,
        timestamp: Math.floor(CLOCK.now() / 1000),
      });
      const response = await fetch(`${base}/api/v1/webhooks/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', 'mieruka-signature': signature },
        body,
      });
      const answer = (await check('webhook', response)) as IngestResponse;
      expect(response.status).toBe(200);
      expect(answer.results.filter((r) => r.status === 'rejected' && !r.reason)).toEqual([]);
      stored += answer.accepted;
    }
    for (const header of fc.sample(fc.string({ maxLength: 300 }), { numRuns: 200, seed: 3 })) {
      const response = await fetch(`${base}/api/v1/webhooks/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'mieruka-signature': header },
        body: JSON.stringify([validEvent(0)]),
      });
      await check('forged webhook', response);
      expect(response.status).toBe(401);
    }

    // Twilio: random form fields, correctly signed, so they reach the mappings.
    const forms = fc.sample(fc.dictionary(fc.string({ maxLength: 30 }), fc.string()), {
      numRuns: 300,
      seed: 5,
    });
    for (const [n, fields] of forms.entries()) {
      const path = n % 2 === 0 ? '/api/v1/twilio/taskrouter' : '/api/v1/twilio/voice';
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': computeTwilioSignature(TWILIO_TOKEN, TWILIO_URL + path, fields),
        },
        body: new URLSearchParams(fields).toString(),
      });
      const answer = (await check('twilio', response)) as { accepted?: number };
      stored += answer.accepted ?? 0;
    }

    // Amazon Connect through Firehose: random bodies, and deliveries of random records.
    const firehose = fc.sample(
      fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .array(
            fc.oneof(
              fc.jsonValue().map((v) => JSON.stringify(v)),
              fc.string(),
            ),
          )
          .map((records) =>
            JSON.stringify({
              requestId: 'r',
              timestamp: CLOCK.now(),
              records: records.map((data) => ({ data: Buffer.from(data).toString('base64') })),
            }),
          ),
      ),
      { numRuns: 300, seed: 9 },
    );
    for (const body of firehose) {
      const response = await fetch(`${base}/api/v1/amazon-connect/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-firehose-access-key': FIREHOSE_KEY },
        body,
      });
      await check('amazon connect', response);
    }

    expect(problems).toEqual([]);
    expect(stored).toBeGreaterThan(20);
    expect(await stats()).toBe(before + stored);
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
  });

  it('refuses broken bodies as a whole with a reason, never a 5xx', async () => {
    const bodies: [string, Buffer | string][] = [
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ['a JSON array cut short', '[{"id":"x"},'],
      ['oversized', 'x'.repeat(9 * 2 ** 20)],
      ['empty', ''],
      ['a deep array body', deep(200_000, '[', ']')],
    ];
    for (const [what, body] of bodies) {
      const response = await fetch(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
        body,
      });
      expect({ what, server: response.status >= 500 }).toEqual({ what, server: false });
      const answer = (await response.json()) as { detail?: string; results?: unknown[] };
      expect(answer.detail ?? answer.results).toBeTruthy();
    }
  });

  it('refuses random sign-ins and handshakes without falling over', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.string(),
      ),
      {
        numRuns: 500,
        seed: 7,
      },
    );
    for (const body of bodies) {
      const response = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect({ body, status: [400, 401].includes(response.status) }).toEqual({
        body,
        status: true,
      });
    }
    // What a client can put in the handshake: any JSON, as the auth object or as its token.
    const auths = fc.sample(fc.jsonValue(), { numRuns: 300, seed: 11 });
    for (const auth of auths) {
      const given =
        typeof auth === 'object' && auth !== null && !Array.isArray(auth) ? auth : { token: auth };
      const refused = await new Promise<string>((resolve) => {
        const client = io(`${base}${LIVE_NAMESPACE}`, {
          transports: ['websocket'],
          reconnection: false,
          auth: given,
        });
        const timer = setTimeout(() => {
          client.close();
          resolve(`no answer for ${JSON.stringify(given)}`);
        }, 10_000);
        client.once('connect', () => {
          clearTimeout(timer);
          client.close();
          resolve('connected');
        });
        client.once('connect_error', (error) => {
          clearTimeout(timer);
          client.close();
          resolve(error.message);
        });
      });
      expect(refused).toMatch(/^unauthorized: /);
    }
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
  });
});
