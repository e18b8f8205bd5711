import type { Provider } from '@nestjs/common';
import type { Env } from '@mieruka/contracts';
import { EventPublisher } from './event-publisher';
import { KafkaSinkService } from './kafka-sink.service';

/**
 * The scaled-out pipeline, present only with `MIERUKA_KAFKA_BROKERS`: the publisher that
 * ingest sends through, and (unless `MIERUKA_KAFKA_CONSUMER=off`) this instance's consumer.
 */
export function pipelineProviders(env: Env): Provider[] {
  if (env.MIERUKA_KAFKA_BROKERS.length === 0) return [];
  return [EventPublisher, ...(env.MIERUKA_KAFKA_CONSUMER ? [KafkaSinkService] : [])];
}
