import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { readinessAnswerSchema, type ReadinessAnswer } from '@mieruka/contracts';
import { IntakeGate } from '../http/intake-gate';
import { Doc } from '../http/openapi';
import { AdaptersIndicator } from './adapters.indicator';
import { KafkaIndicator } from './kafka.indicator';
import { RedisIndicator } from './redis.indicator';
import { StoreIndicator } from './store.indicator';
import { terminusResult } from './terminus-result';

/**
 * Readiness for load balancers and orchestrators (docs/operations.md): 200 when this instance
 * can do its work, 503 naming what it lacks — the store; Kafka and its consumer, Redis, when
 * configured; `shutting_down` once it is stopping. The CTI adapters are reported, never
 * failing (see AdaptersIndicator). Liveness stays `GET /api/v1/health`: a restart cures
 * neither a Kafka outage nor a Redis one, so those must not make the instance "dead".
 */
@Controller('api/v1/ready')
export class ReadinessController {
  /** The last answer's failing parts, so the log has a line per change, not per probe. */
  private lastFailing: string | undefined;

  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(StoreIndicator) private readonly store: StoreIndicator,
    @Inject(KafkaIndicator) private readonly kafka: KafkaIndicator,
    @Inject(RedisIndicator) private readonly redis: RedisIndicator,
    @Inject(AdaptersIndicator) private readonly adapters: AdaptersIndicator,
    @Inject(IntakeGate) private readonly gate: IntakeGate,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('readiness');
  }

  @Get()
  @Doc({
    summary:
      'Readiness: 200 when the store (and Kafka, Redis when configured) answer; 503 naming the failing parts',
    answer: readinessAnswerSchema,
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessAnswer> {
    if (this.gate.closed) {
      // Stopping: the load balancer should send nothing more here.
      response.status(503);
      return { status: 'shutting_down', failing: [], details: {} };
    }
    const checks: HealthIndicatorFunction[] = [
      () => this.store.check(),
      () => this.adapters.check(),
    ];
    if (this.kafka.enabled) checks.push(() => this.kafka.check());
    if (this.redis.enabled) checks.push(() => this.redis.check());
    const { result, ready } = await terminusResult(() => this.health.check(checks));
    if (!ready) response.status(503);
    // Terminus types `info` and `error` as partial records; every key it sets has a check.
    type Checks = ReadinessAnswer['details'];
    const answer: ReadinessAnswer = {
      status: result.status,
      failing: Object.keys(result.error ?? {}),
      info: result.info as Checks,
      error: result.error as Checks,
      details: result.details,
    };
    this.noteChange(answer);
    return answer;
  }

  private noteChange(answer: ReadinessAnswer): void {
    const failing = answer.status === 'ok' ? '' : answer.failing.join(', ') || answer.status;
    if (failing === (this.lastFailing ?? '')) return;
    this.lastFailing = failing;
    if (failing) this.logger.warn({ readiness: answer.details }, `not ready: ${failing}`);
    else this.logger.info('ready');
  }
}
