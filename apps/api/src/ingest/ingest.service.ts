import {
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  BatchFormatError,
  splitEventBatch,
  type Env,
  type IngestResponse,
} from '@mieruka/contracts';
import { EventStore, Ingestor } from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { PinoLogger } from 'nestjs-pino';

/** HTTP ingest: a body of events in, a per-event answer out, after the store has them. */
@Injectable()
export class IngestService {
  constructor(
    @Inject(Ingestor) private readonly ingestor: Ingestor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('ingest');
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
      return await this.ingestor.ingest(items, { transport: 'http', boundTenant });
    } catch (error) {
      this.logger.error({ err: error }, 'storing a batch failed; nothing acknowledged');
      throw new ServiceUnavailableException({
        message: 'the store did not take the batch; nothing was stored, retry later',
        headers: { 'Retry-After': '5' },
      });
    }
  }
}
