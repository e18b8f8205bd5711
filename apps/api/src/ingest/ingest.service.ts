import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  BatchFormatError,
  InvalidInput,
  Unavailable,
  locateItems,
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
import { IntakeSlots } from './intake-slots';
import { readBatch } from './read-batch';
import type { EventsBody } from './read-events-body';

/**
 * Bodies worked on at once: two per key, four in all; two more per key and sixteen in all
 * may wait their turn. Each holds at most MIERUKA_MAX_BODY_BYTES and its parsed events.
 */
const SLOTS = { runningPerSender: 2, running: 4, waitingPerSender: 2, waiting: 16 };
const utf8 = new TextDecoder('utf-8', { fatal: true });
const NO_EVENTS = 'body: no events (send a JSON array or NDJSON)';

/**
 * Ingest: a body of events in, a per-event answer out, after the store has them — or, with
 * Kafka (MIERUKA_KAFKA_BROKERS), after Kafka has them (see pipeline/queued-answer.ts).
 */
@Injectable()
export class IngestService {
  private readonly slots = new IntakeSlots(SLOTS);

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
    const screened = await this.ingestor.screen(items, request);
    const { events, response } = queuedAnswer(screened);
    await this.store.insertDeadLetters(screened.deadLetters, screened.receivedAt);
    await this.publisher.publish(events);
    return response;
  }

  /**
   * The events of a signed adapter post's raw body, checked as /api/v1/events checks them. A
   * body that cannot be read is still the sender's (it is signed): kept for the operator as a
   * dead letter, like an unreadable ingest body, then refused.
   */
  async itemsOfSignedBody(
    body: Buffer,
    source: string,
    boundTenant: string | undefined,
  ): Promise<BatchItem[]> {
    let items: BatchItem[];
    try {
      const located = locateItems(utf8.decode(body), this.env.MIERUKA_MAX_EVENTS_PER_REQUEST);
      items = await readBatch(located);
    } catch (error) {
      if (!(error instanceof BatchFormatError) && !(error instanceof TypeError)) throw error;
      const reason = error instanceof BatchFormatError ? error.message : 'body: not UTF-8 text';
      await this.store.insertDeadLetters(
        [{ tenant: boundTenant ?? 'default', source, reason, payload: body.toString('utf8') }],
        this.clock.now(),
      );
      throw new InvalidInput(reason, { cause: error });
    }
    if (items.length === 0) throw new InvalidInput(NO_EVENTS);
    return items;
  }

  /** A request's body from `sender` (its key's digest), in a turn of that sender's. */
  ingestBody(
    body: EventsBody,
    boundTenant: string | undefined,
    sender: string,
  ): Promise<IngestResponse> {
    return this.inTurn(sender, () => this.parseAndIngest(body, boundTenant));
  }

  /**
   * Runs a request's work (parsing, validation, storing) in a turn of `sender`'s: a few run at
   * once, a few wait; the rest are answered 429 (this sender's share is taken) or 503 (all is).
   */
  inTurn<T>(sender: string, work: () => Promise<T>): Promise<T> {
    return this.slots.run(sender, work);
  }

  private async parseAndIngest(
    body: EventsBody,
    boundTenant: string | undefined,
  ): Promise<IngestResponse> {
    let items;
    try {
      if ('broken' in body) throw body.broken;
      items = await readBatch(body.located);
    } catch (error) {
      if (!(error instanceof BatchFormatError)) throw error;
      // The sender gets a 400 and nothing is acknowledged; the body is kept for the operator.
      await this.store.insertDeadLetters(
        [
          {
            tenant: boundTenant ?? 'default',
            source: 'http',
            reason: error.message,
            payload: 'broken' in body ? body.text : body.located.text,
          },
        ],
        this.clock.now(),
      );
      throw error;
    }
    if (items.length === 0) throw new InvalidInput(NO_EVENTS);
    try {
      return await this.ingestItems(items, { transport: 'http', boundTenant });
    } catch (error) {
      this.logger.error({ err: error }, 'storing a batch failed; nothing acknowledged');
      throw new Unavailable(
        this.publisher
          ? 'the batch was not queued (Kafka or the dead-letter store failed); retry later, ids make it safe'
          : 'the store did not take the batch; nothing was stored, retry later',
        { retryAfterSeconds: 5, cause: error },
      );
    }
  }
}
