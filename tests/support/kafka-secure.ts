/**
 * A broker of a test file's own with, besides PLAINTEXT, a SASL_SSL listener (PLAIN and SCRAM
 * for the given users) and an SSL listener that wants a client certificate: the way managed
 * clusters are reached. Its certificates are made with keytool in its temporary data dir
 * (scripts/kafka-local-tls.js); `stop()` stops it and removes the dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

interface LocalOptions {
  port: number;
  controllerPort: number;
  saslSslPort: number;
  sslPort: number;
  saslUsers: readonly SaslUser[];
  dataDir: string;
  log?: (line: string) => void;
}

/** What scripts/kafka-local.js exports (plain CommonJS, so typed here). */
interface KafkaLocal {
  start(options: LocalOptions): Promise<{
    brokers: string[];
    pid: number;
    tls: Pick<SecureKafka, 'saslSsl' | 'ssl' | 'caFile' | 'clientCertFile' | 'clientKeyFile'>;
  }>;
  stop(options: LocalOptions): Promise<boolean>;
}

interface KafkaLocalTls {
  makeCa(dir: string, name?: string): Promise<{ pem: string }>;
}

const load = createRequire(__filename);
const local = load('../../scripts/kafka-local.js') as KafkaLocal;
const tls = load('../../scripts/kafka-local-tls.js') as KafkaLocalTls;

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
  const options: LocalOptions = {
    ...{ port, controllerPort, saslSslPort, sslPort, saslUsers: users, dataDir },
    log: () => undefined,
  };
  let started: Awaited<ReturnType<KafkaLocal['start']>>;
  try {
    started = await local.start(options);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The broker runs detached: if the test process dies without afterAll, take it down anyway.
  const kill = (): void => {
    try {
      process.kill(started.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  return {
    brokers: started.brokers,
    ...started.tls,
    dataDir,
    stop: async () => {
      process.off('exit', kill);
      await local.stop(options);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A CA of its own (PEM) in `dir`, made with keytool: it signed nothing the broker presents. */
export async function strangerCa(dir: string): Promise<string> {
  return (await tls.makeCa(dir, 'stranger')).pem;
}
