import {
  BadRequestException,
  Inject,
  Injectable,
  Optional,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  BatchFormatError,
  splitEventBatch,
  type BatchItem,
  type Env,
  type IngestResponse,
} from '@mieruka/contracts';
import { EventStore, Ingestor, type IngestRequest } from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { PinoLogger } from 'nestjs-pino';
import { EventPublisher } from '../pipeline/event-publisher';
import { Metrics } from '../metrics/metrics';
import { queuedAnswer } from '../pipeline/queued-answer';

/**
 * Ingest: a body of events in, a per-event answer out, after the store has them — or, with
 * Kafka (MIERUKA_KAFKA_BROKERS), after Kafka has them (see pipeline/queued-answer.ts).
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(Ingestor) private readonly ingestor: Ingestor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Optional() @Inject(EventPublisher) private readonly publisher?: EventPublisher,
  ) {
    logger.setContext('ingest');
  }

  /**
   * Every source's way in (HTTP, and the adapters): validated here either way; stored now, or
   * published to Kafka for the consumer group to store. Store and Kafka errors are thrown.
   */
  async ingestItems(items: readonly BatchItem[], request: IngestRequest): Promise<IngestResponse> {
    const started = performance.now();
    const answer = await this.storeOrPublish(items, request);
    this.metrics.answered(request.transport, answer, (performance.now() - started) / 1000);
    return answer;
  }

  private async storeOrPublish(
    items: readonly BatchItem[],
    request: IngestRequest,
  ): Promise<IngestResponse> {
    if (!this.publisher) return this.ingestor.ingest(items, request);
    const screened = this.ingestor.screen(items, request);
    const { events, response } = queuedAnswer(screened);
    await this.store.insertDeadLetters(screened.deadLetters, screened.receivedAt);
    await this.publisher.publish(events);
    return response;
  }

  async ingestBody(body: string, boundTenant: string | undefined): Promise<IngestResponse> {
    let items;
    try {
      items = splitEventBatch(body);
    } catch (error) {
      if (!(error instanceof BatchFormatError)) throw error;
      // The sender gets a 400 and nothing is acknowledged; the body is kept for the operator.
      await this.store.insertDeadLetters(
        [
          {
            tenant: boundTenant ?? 'default',
            source: 'http',
            reason: error.message,
            payload: body,
          },
        ],
        this.clock.now(),
      );
      throw new BadRequestException(error.message);
    }
    if (items.length === 0)
      throw new BadRequestException('body: no events (send a JSON array or NDJSON)');
    const max = this.env.MIERUKA_MAX_EVENTS_PER_REQUEST;
    if (items.length > max) {
      throw new PayloadTooLargeException(
        `body: ${items.length} events; at most ${max} per request`,
      );
    }
    try {
      return await this.ingestItems(items, { transport: 'http', boundTenant });
    } catch (error) {
      this.logger.error({ err: error }, 'storing a batch failed; nothing acknowledged');
      throw new ServiceUnavailableException({
        message: this.publisher
          ? 'the batch was not queued (Kafka or the dead-letter store failed); retry later, ids make it safe'
          : 'the store did not take the batch; nothing was stored, retry later',
        headers: { 'Retry-After': '5' },
      });
    }
  }
}
