/**
 * Starting and stopping a broker of scripts/kafka-local.js for a test file, the part
 * `ensureKafka` and `secureKafka` share: the data dir is removed if the start fails, and the
 * detached broker is killed if the test process dies without afterAll.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface LocalBrokerOptions {
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  readonly saslSslPort?: number;
  readonly sslPort?: number;
  readonly saslUsers?: readonly { readonly name: string; readonly password: string }[];
  readonly log?: (line: string) => void;
}

/** What scripts/kafka-local.js's `start` resolves to, at the least. */
export interface LocalBrokerStarted {
  readonly brokers: string[];
  readonly pid: number;
}

/** What scripts/kafka-local.js exports (plain CommonJS, so typed here). */
interface KafkaLocal {
  start(options: LocalBrokerOptions): Promise<LocalBrokerStarted>;
  stop(options: LocalBrokerOptions): Promise<boolean>;
}

const local = createRequire(__filename)('../../scripts/kafka-local.js') as KafkaLocal;

/**
 * `Started`: the fuller answer the options ask for (with TLS listeners, their files). `stop()`
 * stops the broker and removes its data dir.
 */
export async function startLocalBroker<Started extends LocalBrokerStarted = LocalBrokerStarted>(
  options: LocalBrokerOptions,
): Promise<{ started: Started; stop(): Promise<void> }> {
  let started: Started;
  try {
    started = (await local.start(options)) as Started;
  } catch (error) {
    rmSync(options.dataDir, { recursive: true, force: true });
    throw error;
  }
  const kill = (): void => {
    try {
      process.kill(started.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  return {
    started,
    stop: async () => {
      process.off('exit', kill);
      await local.stop(options);
      rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}
