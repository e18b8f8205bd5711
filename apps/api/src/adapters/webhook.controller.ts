import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import {
  NotFound,
  Unauthenticated,
  Unavailable,
  ingestResponseSchema,
  type IngestResponse,
} from '@mieruka/contracts';
import { SIGNATURE_HEADER, verifySignature } from '@mieruka/adapters';
import { CLOCK, type Clock } from '../config/tokens';
import { IngestService } from '../ingest/ingest.service';
import { AdapterHealth, type AdapterStatus } from './adapter-health';
import { AdapterSettings } from './adapter-settings.service';
import { Doc } from '../http/openapi';
import { rawBody } from './raw-body.middleware';

const ADAPTER = 'webhook';

/**
 * The signed generic webhook: canonical events (JSON array or NDJSON, like /api/v1/events)
 * from any system that can sign a post — `Mieruka-Signature: t=<unix s>,v1=<hex HMAC-SHA256
 * of "<t>.<raw body>">` under one of the webhook's secrets, within 5 minutes of this
 * clock. The signature replaces the ingest key; a secret with a tenant binds the post to that
 * tenant. A replayed post is absorbed by event id (answered as duplicates). Posts failing the
 * signature are refused (401) and not kept: they are not known to come from the sender.
 */
@Controller('api/v1/webhooks')
export class WebhookController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    @Inject(AdapterSettings) private readonly settings: AdapterSettings,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ADAPTER);
  }

  @Post('events')
  @HttpCode(200)
  @Doc({
    summary:
      'Signed webhook: canonical events with a Mieruka-Signature (HMAC-SHA256 over t.body); answers like /api/v1/events',
    answer: ingestResponseSchema,
  })
  async events(@Req() request: Request): Promise<IngestResponse> {
    const config = this.settings.current(ADAPTER);
    if (!config.enabled) {
      throw new NotFound(
        'the signed webhook is off: enable it on the admin page (Adapters) or set MIERUKA_WEBHOOK_SECRETS',
      );
    }
    const status: AdapterStatus = this.health.track(ADAPTER);
    const body = rawBody(request);
    const header = request.headers[SIGNATURE_HEADER];
    const check = verifySignature({
      header: typeof header === 'string' ? header : undefined,
      body,
      secrets: config.secrets.map((s) => s.secret.value),
      now: this.clock.now(),
    });
    if (!check.ok) {
      status.failed(`refused a post: ${check.reason}`);
      throw new Unauthenticated(check.reason);
    }
    const tenant = config.secrets[check.secretIndex]?.tenant;
    // Each secret is one sender: its heavy bodies take turns like an ingest key's.
    return this.ingest.inTurn(`${ADAPTER}:${check.secretIndex}`, async () => {
      const items = await this.ingest.itemsOfSignedBody(body, ADAPTER, tenant);
      try {
        const answer = await this.ingest.ingestItems(items, {
          transport: ADAPTER,
          boundTenant: tenant,
        });
        status.delivered(answer);
        return answer;
      } catch (error) {
        status.failed(`store did not take a batch: ${String(error)}`);
        this.logger.error({ err: error }, 'storing a webhook batch failed; nothing acknowledged');
        throw new Unavailable('the store did not take the batch; nothing was stored, retry later', {
          retryAfterSeconds: 5,
          cause: error,
        });
      }
    });
  }
}
