/**
 * A broker of a test file's own with, besides PLAINTEXT, a SASL_SSL listener (PLAIN and SCRAM
 * for the given users) and an SSL listener that wants a client certificate: the way managed
 * clusters are reached. Its certificates are made with keytool in its temporary data dir
 * (scripts/kafka-local-tls.js); `stop()` stops it and removes the dir.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalBroker, type LocalBrokerStarted } from './local-broker';
import { freePort } from './processes';

export interface SaslUser {
  readonly name: string;
  readonly password: string;
}

export interface SecureKafka {
  /** The PLAINTEXT listener, for the test's own setup. */
  readonly brokers: string[];
  readonly saslSsl: string[];
  /** Mutual TLS: a client certificate signed by `caFile`'s CA is required. */
  readonly ssl: string[];
  readonly caFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** The broker's folder (its log is `broker.log`). */
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** What scripts/kafka-local.js's `start` gives for the TLS listeners asked for. */
type SecureStarted = LocalBrokerStarted & {
  readonly tls: Pick<
    SecureKafka,
    'saslSsl' | 'ssl' | 'caFile' | 'clientCertFile' | 'clientKeyFile'
  >;
};

interface KafkaLocalTls {
  makeCa(dir: string, name?: string): Promise<{ pem: string }>;
}

const tls = createRequire(__filename)('../../scripts/kafka-local-tls.js') as KafkaLocalTls;

/** Four distinct ports nobody listens on right now. */
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

export async function secureKafka(users: readonly SaslUser[]): Promise<SecureKafka> {
  const [port, controllerPort, saslSslPort, sslPort] = (await freePorts(4)) as [
    number,
    number,
    number,
    number,
  ];
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-kafka-secure-'));
  const { started, stop } = await startLocalBroker<SecureStarted>({
    ...{ port, controllerPort, saslSslPort, sslPort, saslUsers: users, dataDir },
    log: () => undefined,
  });
  return { brokers: started.brokers, ...started.tls, dataDir, stop };
}

/** A CA of its own (PEM) in `dir`, made with keytool: it signed nothing the broker presents. */
export async function strangerCa(dir: string): Promise<string> {
  return (await tls.makeCa(dir, 'stranger')).pem;
}
