import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { KafkaSecurity } from '../pipeline/kafka-security';
import { CHECK_TIMEOUT_MS } from './with-timeout';

/**
 * Whether the Kafka cluster answers: an admin client of its own (the producer's connection
 * state is not public in kafkajs) asks for the cluster's metadata. It connects on first use,
 * asks without retries (the probe repeats itself), and starts afresh after any failure, so a
 * broker that comes back is seen at the next probe.
 */
export class KafkaReach {
  private admin: Promise<Admin> | undefined;

  constructor(
    private readonly brokers: readonly string[],
    private readonly clientId: string,
    private readonly security: KafkaSecurity = {},
  ) {}

  /** The brokers the cluster reports; rejects when it cannot be reached. */
  async describe(): Promise<{ brokers: number }> {
    this.admin ??= this.connect();
    try {
      const cluster = await (await this.admin).describeCluster();
      return { brokers: cluster.brokers.length };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async connect(): Promise<Admin> {
    // A client of its own, not createKafka's: that one retries for seconds, a probe must not.
    // Its log is off: every refused connection would be an error line per probe.
    const kafka = new Kafka({
      clientId: this.clientId,
      brokers: [...this.brokers],
      ...this.security,
      connectionTimeout: CHECK_TIMEOUT_MS,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    return admin;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}
