import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import { registerCodecs } from './kafka-codecs';
import type { KafkaSecurity } from './kafka-security';

export interface PipelineLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
  debug(details: object, message: string): void;
}

/** kafkajs's own log lines into ours (pino), at the same levels; its debug chatter dropped. */
function bridge(logger: PipelineLogger): logCreator {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...details } = log;
      const line = `kafka: ${message}`;
      if (level === logLevel.ERROR) logger.error(details, line);
      else if (level === logLevel.WARN) logger.warn(details, line);
      else if (level === logLevel.INFO) logger.debug(details, line);
    };
}

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS and SASL (kafka-security.ts); absent: plaintext. */
  readonly security?: KafkaSecurity;
}

/** One client per process; the producer, the consumer and the admin all come from it. */
export function createKafka(settings: KafkaSettings, logger: PipelineLogger): Kafka {
  registerCodecs();
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    ...settings.security,
    logLevel: logLevel.INFO,
    logCreator: bridge(logger),
    // Reconnects ride on the retries below; a broker that is away for longer makes the
    // producer fail the request (the sender retries) and the consumer restart itself.
    connectionTimeout: 3000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
  });
}
