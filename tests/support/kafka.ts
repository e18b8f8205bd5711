/**
 * A real Kafka broker for a test file: the one named by `MIERUKA_KAFKA_BROKERS` when it is set
 * (left running), otherwise a fresh single-node broker from scripts/kafka-local.js on free ports
 * with a temporary data dir, removed again by `stop()`. Call it in beforeAll with a generous
 * timeout (start-up takes seconds, the first Maven fetch longer) and `stop()` in afterAll.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalBroker } from './local-broker';

export interface KafkaForTests {
  brokers: string[];
  /** The broker's folder, when this test started it (not one named by MIERUKA_KAFKA_BROKERS). */
  dataDir?: string;
  stop(): Promise<void>;
}

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Two ports nobody listens on right now (held together, so they differ). */
async function twoFreePorts(): Promise<[number, number]> {
  const servers = [await listen(), await listen()];
  const [a, b] = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return [a!, b!];
}

/** `own`: a broker of this test's own even when MIERUKA_KAFKA_BROKERS names one (to read its files). */
export async function ensureKafka(wanted: { own?: boolean } = {}): Promise<KafkaForTests> {
  const given = (process.env.MIERUKA_KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (given.length > 0 && !wanted.own) return { brokers: given, stop: () => Promise.resolve() };

  const [port, controllerPort] = await twoFreePorts();
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-kafka-'));
  const { started, stop } = await startLocalBroker({ port, controllerPort, dataDir });
  return { brokers: started.brokers, dataDir, stop };
}
