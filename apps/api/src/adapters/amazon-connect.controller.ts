import { createHash, timingSafeEqual } from 'node:crypto';
import {
  BadRequestException,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import {
  decodeDelivery,
  FIREHOSE_ACCESS_KEY_HEADER,
  initialAmazonConnectState,
  stepDelivery,
  type AmazonConnectOptions,
  type AmazonConnectState,
  type Mapped,
} from '@mieruka/adapters';
import { CLOCK, type Clock } from '../config/tokens';
import { AdapterHealth, type AdapterStatus } from './adapter-health';
import { AdapterSettings } from './adapter-settings.service';
import { AdapterSink } from './adapter-sink';
import { Doc } from '../http/openapi';
import { rawBody } from './raw-body.middleware';
import { Serial } from './serial';

const ADAPTER = 'amazon-connect';
const REQUEST_ID_HEADER = 'x-amz-firehose-request-id';

/** What Firehose expects from an HTTP endpoint that took a delivery. */
export interface FirehoseAnswer {
  readonly requestId: string;
  readonly timestamp: number;
}

/**
 * Amazon Connect's agent event stream and contact records, as Kinesis Data Firehose delivers
 * them to an HTTP endpoint (Connect → Kinesis data stream → Firehose → this route). The
 * `X-Amz-Firehose-Access-Key` header must be one of the adapter's access keys; a
 * wrong one gets 401 and nothing is kept. The answer (`{requestId, timestamp}`) comes once
 * the store has the events; a 503 makes Firehose retry the delivery, which ids absorb.
 */
@Controller('api/v1/amazon-connect')
export class AmazonConnectController {
  private state: AmazonConnectState = initialAmazonConnectState;
  private readonly serial = new Serial();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AdapterSink) private readonly sink: AdapterSink,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    @Inject(AdapterSettings) private readonly settings: AdapterSettings,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ADAPTER);
  }

  @Post('records')
  @HttpCode(200)
  @Doc({
    summary:
      'Amazon Connect agent events and contact records (Firehose HTTP endpoint, X-Amz-Firehose-Access-Key)',
  })
  records(@Req() request: Request): Promise<FirehoseAnswer> {
    this.authorize(request);
    const header = request.headers[REQUEST_ID_HEADER];
    const body = rawBody(request).toString('utf8');
    const delivery = decodeDelivery(body);
    return this.serial.run(async () => {
      if ('error' in delivery) {
        await this.deliver({
          events: [],
          rejects: [{ adapter: ADAPTER, reason: delivery.error, raw: body }],
        });
        throw new BadRequestException(delivery.error);
      }
      // One delivery at a time: agent states step from what the previous delivery left,
      // and move on only once the store took this one's events.
      const step = stepDelivery(this.state, delivery, this.options);
      await this.deliver(step);
      this.state = step.state;
      return {
        requestId: delivery.requestId ?? (typeof header === 'string' ? header : ''),
        timestamp: this.clock.now(),
      };
    });
  }

  private get options(): AmazonConnectOptions {
    const config = this.settings.current(ADAPTER);
    return { tenant: config.tenant, breakStatuses: config.breakStatuses };
  }

  private get status(): AdapterStatus {
    return this.health.track(ADAPTER);
  }

  /** Compares the access key with every configured one in constant time. */
  private authorize(request: Request): void {
    const config = this.settings.current(ADAPTER);
    if (!config.enabled) {
      throw new NotFoundException(
        'the Amazon Connect adapter is off: enable it on the admin page (Adapters) or set MIERUKA_AMAZON_CONNECT_ACCESS_KEYS',
      );
    }
    const header = request.headers[FIREHOSE_ACCESS_KEY_HEADER];
    const given = digest(typeof header === 'string' ? header : '');
    let ok = false;
    for (const key of config.accessKeys) ok = timingSafeEqual(given, digest(key.value)) || ok;
    if (!ok) {
      const reason =
        typeof header === 'string'
          ? `${FIREHOSE_ACCESS_KEY_HEADER}: not a configured access key`
          : `${FIREHOSE_ACCESS_KEY_HEADER}: header is missing`;
      this.status.failed(`refused a delivery: ${reason}`);
      throw new UnauthorizedException(reason);
    }
  }

  private async deliver(mapped: Mapped): Promise<void> {
    try {
      const { tenant } = this.settings.current(ADAPTER);
      await this.sink.deliver(ADAPTER, tenant, mapped, this.status);
    } catch (error) {
      this.status.failed(`store did not take a delivery: ${String(error)}`);
      this.logger.error({ err: error }, 'storing a Firehose delivery failed; nothing acknowledged');
      throw new ServiceUnavailableException({
        message: 'the store did not take the delivery; Firehose will retry',
        headers: { 'Retry-After': '5' },
      });
    }
  }
}

/** Fixed-length digests, so keys of any length compare in constant time. */
function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
