/**
 * Managed clusters are reached over TLS with SASL (PLAIN, SCRAM-SHA-256/512) or a client
 * certificate. One local broker for the file, with a SASL_SSL listener and an SSL listener
 * that wants a client certificate, its certificates made with keytool: an API process on
 * SASL_SSL/SCRAM-SHA-512 stores events posted over HTTP; the clients the settings make for
 * PLAIN and SCRAM-SHA-256 (its password from a file) and for mutual TLS reach the broker; a
 * wrong password and a CA that signed nothing of the broker's fail with messages that say so.
 * The SASL passwords, right and wrong, appear in no log line and no answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv, type StoreStats } from '@mieruka/contracts';
import { KafkaReach } from '../../apps/api/src/health/kafka-reach';
import { createKafka, type PipelineLogger } from '../../apps/api/src/pipeline/kafka-client';
import { kafkaSecurity } from '../../apps/api/src/pipeline/kafka-security';
import { processClock } from '../support/clock';
import { secureKafka, strangerCa, type SecureKafka } from '../support/kafka-secure';
import {
  createTopic,
  pipelineEnv,
  pipelineNames,
  simulatedEvents,
  testKafka,
  toNdjson,
} from '../support/kafka-pipeline';
import { freePort, healthy, startApiProcess, until, type ApiProcess } from '../support/processes';

jest.setTimeout(180_000);

const AT = Date.parse('2026-11-24T21:00:00+09:00');
const CLOCK = processClock(AT);
const USER = 'mieruka-app';
const PASSWORD = 'sasl-password-never-logged-0123';
const WRONG_PASSWORD = 'wrong-sasl-password-never-logged-4567';
const INGEST_KEY = 'secure-ingest-key-0123456789';
const ADMIN_PASSWORD = 'secure-admin-password-0123';

describe('Kafka over TLS with SASL or a client certificate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-kafka-sasl-'));
  let broker: SecureKafka;
  let stranger: string;
  /** Everything anything printed or answered, searched for the passwords at the end. */
  const seen: string[] = [];
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    [broker, stranger] = await Promise.all([
      secureKafka([{ name: USER, password: PASSWORD }]),
      strangerCa(dir),
    ]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop()));
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  /** Settings for SASL_SSL as USER, on a topic and group of the test's own. */
  function saslSettings(mechanism: string, password = PASSWORD): Record<string, string> {
    return {
      ...pipelineEnv(broker.saslSsl, pipelineNames(`sasl-${mechanism}`)),
      MIERUKA_KAFKA_SSL: 'on',
      MIERUKA_KAFKA_SSL_CA_FILE: broker.caFile,
      MIERUKA_KAFKA_SASL_MECHANISM: mechanism,
      MIERUKA_KAFKA_SASL_USERNAME: USER,
      MIERUKA_KAFKA_SASL_PASSWORD: password,
    };
  }

  /** A logger that keeps kafkajs's lines (through our bridge) for the search. */
  const logger: PipelineLogger = {
    error: (details, message) => seen.push(`${message} ${JSON.stringify(details)}`),
    warn: (details, message) => seen.push(`${message} ${JSON.stringify(details)}`),
    info: (details, message) => seen.push(`${message} ${JSON.stringify(details)}`),
    debug: (details, message) => seen.push(`${message} ${JSON.stringify(details)}`),
  };

  function apiProcess(settings: Record<string, string>, port: number): ApiProcess {
    const api = startApiProcess({
      ...CLOCK.env,
      ...settings,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: mkdtempSync(join(dir, 'api-')),
      MIERUKA_LOG_LEVEL: 'debug',
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_INGEST_KEYS: INGEST_KEY,
      MIERUKA_ADMIN_USER: 'admin',
      MIERUKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      MIERUKA_KAFKA_CONSUMERS: '1',
    });
    processes.push(api);
    return api;
  }

  async function answer(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, init);
    seen.push(await response.clone().text());
    return response;
  }

  it('stores events posted over HTTP through SASL_SSL with SCRAM-SHA-512', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = apiProcess(saslSettings('scram-sha-512'), port);
    await healthy(base, api);
    const ready = await until(
      'the API being ready (its consumer in the group)',
      async () => {
        const response = await answer(`${base}/api/v1/ready`);
        return response.status === 200 ? ((await response.json()) as object) : undefined;
      },
      60_000,
    );
    expect(ready).toMatchObject({
      status: 'ok',
      details: { kafka: { status: 'up', brokers: 1, consumer: 'running' } },
    });

    const events = simulatedEvents({
      tenant: 'default',
      seed: 7,
      from: Date.parse('2026-11-24T09:00:00+09:00'),
      to: AT,
      count: 300,
    });
    const posted = await answer(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_KEY}` },
      body: toNdjson(events),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ accepted: 300, rejected: 0 });

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const stats = await until(
      'the 300 events stored from Kafka',
      async () => {
        const response = await answer(`${base}/api/v1/stats?tenant=default`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const body = (await response.json()) as StoreStats;
        return body.total === 300 ? body : undefined;
      },
      60_000,
    );
    expect(stats).toMatchObject({ total: 300, deadLetters: 0 });
    const metrics = await (await answer(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^mieruka_store_insert_seconds_count\{transport="kafka"\} [1-9]/m);

    await api.stop();
    seen.push(api.output());
  });

  it.each([
    ['plain', 'the password in the settings'],
    ['scram-sha-256', 'the password in a file'],
  ])(
    'connects with SASL %s (%s): a message goes through the broker and back',
    async (mechanism, how) => {
      const settings = saslSettings(mechanism);
      if (how === 'the password in a file') {
        const file = join(dir, `${mechanism}.password`);
        writeFileSync(file, `${PASSWORD}\n`);
        delete settings.MIERUKA_KAFKA_SASL_PASSWORD;
        settings.MIERUKA_KAFKA_SASL_PASSWORD_FILE = file;
      }
      const env = parseEnv(settings);
      const topic = env.MIERUKA_KAFKA_TOPIC;
      await createTopic(testKafka(broker.brokers), topic, 1);
      // The very clients the API makes: createKafka with the options kafkaSecurity reads.
      const kafka = createKafka(
        { brokers: env.MIERUKA_KAFKA_BROKERS, clientId: 'sasl-test', security: kafkaSecurity(env) },
        logger,
      );
      const producer = kafka.producer();
      const consumer = kafka.consumer({ groupId: env.MIERUKA_KAFKA_GROUP });
      try {
        await producer.connect();
        await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: mechanism }] });
        const received: string[] = [];
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: ({ message }) => {
            received.push(String(message.value));
            return Promise.resolve();
          },
        });
        await until(
          `the ${mechanism} message back`,
          () => Promise.resolve(received.length > 0 ? true : undefined),
          60_000,
        );
        expect(received).toEqual([mechanism]);
      } finally {
        await consumer.disconnect();
        await producer.disconnect();
      }
    },
  );

  it('connects with a client certificate (mutual TLS), and not without one', async () => {
    const reach = (settings: Record<string, string>) =>
      new KafkaReach(broker.ssl, 'mtls-test', kafkaSecurity(parseEnv(settings)));
    const tls = { MIERUKA_KAFKA_SSL: 'on', MIERUKA_KAFKA_SSL_CA_FILE: broker.caFile };
    const withCertificate = reach({
      ...tls,
      MIERUKA_KAFKA_SSL_CERT_FILE: broker.clientCertFile,
      MIERUKA_KAFKA_SSL_KEY_FILE: broker.clientKeyFile,
    });
    const without = reach(tls);
    try {
      expect(await withCertificate.describe()).toEqual({ brokers: 1 });
      await expect(without.describe()).rejects.toThrow(/certificate/);
    } finally {
      await withCertificate.close();
      await without.close();
    }
  });

  it('a wrong password stops the start with the broker’s reason, and the password is not shown', async () => {
    const api = apiProcess(saslSettings('scram-sha-256', WRONG_PASSWORD), await freePort());
    const code = await new Promise<number | null>((resolve) => {
      if (api.child.exitCode !== null) resolve(api.child.exitCode);
      else api.child.once('exit', (exitCode) => resolve(exitCode));
    });
    seen.push(api.output());
    expect(code).toBe(1);
    expect(api.output()).toContain(
      'Mieruka could not start: KafkaJSSASLAuthenticationError: SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
    );
  });

  it('a CA that did not sign the broker’s certificate: the log and readiness say so', async () => {
    const settings = { ...saslSettings('scram-sha-512'), MIERUKA_KAFKA_SSL_CA_FILE: stranger };
    // The readiness probe's client: one attempt, its reason in the answer.
    const probe = new KafkaReach(broker.saslSsl, 'ca-test', kafkaSecurity(parseEnv(settings)));
    try {
      await expect(probe.describe()).rejects.toThrow(
        'Connection error: self-signed certificate in certificate chain',
      );
    } finally {
      await probe.close();
    }
    // The API retries the connection for tens of seconds before giving up; its log says why
    // from the first attempt, which is what an operator reads.
    const api = apiProcess(settings, await freePort());
    await until(
      'the log naming the certificate problem',
      () =>
        Promise.resolve(
          api
            .output()
            .includes('kafka: Connection error: self-signed certificate in certificate chain')
            ? true
            : undefined,
        ),
      90_000,
    );
    await api.stop();
    seen.push(api.output());
  });

  it('shows neither password in any log line or answer above', () => {
    // Jest runs a file's tests in order: this one searches what the others kept.
    const all = seen.join('\n');
    expect([PASSWORD, WRONG_PASSWORD].filter((secret) => all.includes(secret))).toEqual([]);
    // Worth something only if the places hold what they should.
    expect(all).toContain('"msg":"kafka: consuming into the store"');
    expect(all).toContain('SASL SCRAM SHA256 authentication failed');
    expect(all).toContain('"status":"ok"');
  });
});
