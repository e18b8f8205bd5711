import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { computeTwilioSignature, type Mapped } from '@mieruka/adapters';
import { DomainError } from '@mieruka/contracts';
import { domainProblem } from '../http/domain-problem';
import { AdapterHealth } from './adapter-health';
import type { AdapterSettings } from './adapter-settings.service';
import type { AdapterSink, Delivered } from './adapter-sink';
import { TwilioController } from './twilio.controller';

/**
 * The Event Streams sink's secrets — the auth token and the signatures made with it — reach
 * neither the log (the app's pino logger at debug), nor an answer, nor the adapter's health,
 * nor a dead letter: refused, malformed and dead-lettered deliveries, and a store that fails.
 */
const TOKEN = 'sinkAuthTokenNeverLogged0123456789';
const PUBLIC = 'https://wallboard.example.com';
const PATH = '/api/v1/twilio/event-streams';
const lines: string[] = [];
const logger = new PinoLogger({
  pinoHttp: [
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  ],
});

const BODY = JSON.stringify([
  {
    id: 'EZ1',
    type: 'com.twilio.voice.status-callback.call.completed',
    data: { request: { parameters: { CallSid: 'CA1', CallStatus: 'completed' } } },
  },
]);

function setUp(deliver: (mapped: Mapped) => Promise<Delivered>) {
  const handed: Mapped[] = [];
  const sink = {
    deliver: (_adapter: string, _tenant: string, mapped: Mapped) => {
      handed.push(mapped);
      return deliver(mapped);
    },
  } as unknown as AdapterSink;
  const health = new AdapterHealth({ now: () => Date.parse('2026-11-24T01:10:00Z') });
  const settings = {
    current: () => ({
      enabled: true,
      tenant: 'default',
      publicUrl: PUBLIC,
      authTokens: [{ value: TOKEN }],
    }),
  } as unknown as AdapterSettings;
  const controller = new TwilioController(sink, health, settings, logger);
  return { controller, health, handed };
}

/** A delivery as Event Streams posts it, signed over `signedBody` (the body unless told). */
function delivery(body: string, signedBody = body, token = TOKEN) {
  const path = `${PATH}?bodySHA256=${createHash('sha256').update(signedBody).digest('hex')}`;
  const signature = computeTwilioSignature(token, PUBLIC + path, []);
  const request = {
    body: Buffer.from(body),
    headers: { 'x-twilio-signature': signature },
    originalUrl: path,
  } as unknown as Request;
  return { request, signature };
}

/** The refusal's status and what a caller would read of it. */
async function refusal(work: () => Promise<unknown>): Promise<[number, string]> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) {
      const problem = domainProblem(error);
      return [problem.status, JSON.stringify(problem)];
    }
    throw error;
  }
  throw new Error('the delivery was not refused');
}

beforeEach(() => lines.splice(0));

describe('the Twilio Event Streams sink keeps its secrets', () => {
  it('dead-letters an event it does not map as the CloudEvent alone', async () => {
    const { controller, handed } = setUp((m) =>
      Promise.resolve({ accepted: 0, duplicates: 0, rejected: m.rejects.length }),
    );
    const { request, signature } = delivery(BODY);
    expect(await controller.eventStreams(request)).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: 1,
    });
    expect(handed.flatMap((m) => m.rejects).map((r) => JSON.parse(r.raw) as unknown)).toEqual(
      JSON.parse(BODY),
    );
    const letters = JSON.stringify(handed);
    for (const secret of [TOKEN, signature]) expect(letters).not.toContain(secret);
  });

  it.each([
    ['a forged signature', () => delivery(BODY, BODY, 'forgedToken0123456789abcdef012345'), 403],
    ['another body than the one signed', () => delivery(BODY.replace('CA1', 'CA2'), BODY), 403],
    ['a body that is not JSON', () => delivery(`AuthToken=${TOKEN}`), 400],
  ] as const)(
    'refuses %s without a secret in the answer, the log or health',
    async (_n, make, status) => {
      const { controller, health } = setUp(() => Promise.reject(new Error('not reached')));
      const { request, signature } = make();
      const [code, answer] = await refusal(() => controller.eventStreams(request));
      expect(code).toBe(status);
      const seen = [answer, JSON.stringify(health.report()), ...lines].join('\n');
      for (const secret of [TOKEN, signature]) expect(seen).not.toContain(secret);
    },
  );

  it('answers 503 and logs a store failure without the token or the signature', async () => {
    const { controller, health } = setUp(() =>
      Promise.reject(new Error('clickhouse: connection refused')),
    );
    const { request, signature } = delivery(BODY);
    const [code, answer] = await refusal(() => controller.eventStreams(request));
    expect(code).toBe(503);
    expect(answer).toContain('"Retry-After":"5"');
    expect(lines.join('')).toContain('storing a Twilio callback failed');
    const seen = [answer, JSON.stringify(health.report()), ...lines].join('\n');
    for (const secret of [TOKEN, signature]) expect(seen).not.toContain(secret);
  });
});
