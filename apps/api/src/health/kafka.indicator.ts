import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Env } from '@mieruka/contracts';
import { ENV } from '../config/tokens';
import { kafkaSecurity } from '../pipeline/kafka-security';
import { KafkaSinkService } from '../pipeline/kafka-sink.service';
import { KafkaReach } from './kafka-reach';
import { CHECK_TIMEOUT_MS, reason, withTimeout } from './with-timeout';

/**
 * Scaled out (`MIERUKA_KAFKA_BROKERS`), ingest answers only once Kafka has the events and the
 * consumer is what stores them: the cluster must answer, and — unless this instance is an
 * ingest-only replica (`MIERUKA_KAFKA_CONSUMER=off`) — its consumer must be a running member
 * of the group. A consumer that crashed and is restarting makes the instance unready until it
 * joins again.
 */
@Injectable()
export class KafkaIndicator implements OnApplicationShutdown {
  private readonly reach: KafkaReach | undefined;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
    // Present only when this instance consumes (see pipelineProviders).
    @Optional() @Inject(KafkaSinkService) private readonly sink?: KafkaSinkService,
  ) {
    if (this.enabled) {
      this.reach = new KafkaReach(
        env.MIERUKA_KAFKA_BROKERS,
        `${env.MIERUKA_KAFKA_CLIENT_ID}-health`,
        kafkaSecurity(env),
      );
    }
  }

  get enabled(): boolean {
    return this.env.MIERUKA_KAFKA_BROKERS.length > 0;
  }

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('kafka');
    const consumer = !this.env.MIERUKA_KAFKA_CONSUMER
      ? 'off'
      : this.sink?.running
        ? 'running'
        : 'stopped';
    if (!this.reach) return indicator.up({ consumer, message: 'not configured' });
    let brokers: number;
    try {
      ({ brokers } = await withTimeout(this.reach.describe(), CHECK_TIMEOUT_MS, 'kafka'));
    } catch (error) {
      return indicator.down({ consumer, message: `cluster unreachable: ${reason(error)}` });
    }
    if (consumer === 'stopped') {
      return indicator.down({
        brokers,
        consumer,
        message: `the consumer is not a running member of group ${this.env.MIERUKA_KAFKA_GROUP}`,
      });
    }
    // Said, not failed on: the instance still takes events (Kafka keeps them meanwhile).
    const retrying = this.sink?.retrying ?? [];
    return indicator.up({ brokers, consumer, ...(retrying.length > 0 ? { retrying } : {}) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reach?.close();
  }
}
