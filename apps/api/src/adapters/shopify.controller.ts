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
  SHOPIFY_HMAC_HEADER,
  SHOPIFY_TOPIC_HEADER,
  SHOPIFY_TRIGGERED_AT_HEADER,
  SHOPIFY_WEBHOOK_ID_HEADER,
  mapShopifyWebhook,
  shopifyOrderEventIds,
  shopifyOrderToRecall,
  verifyShopifyHmac,
  type ShopifyOptions,
} from '@mieruka/adapters';
import type { AdapterConfigs } from '@mieruka/contracts';
import { EventStore } from '@mieruka/store';
import { CLOCK, type Clock } from '../config/tokens';
import { AdapterHealth, type AdapterStatus } from './adapter-health';
import { AdapterSettings } from './adapter-settings.service';
import { AdapterSink, type Delivered } from './adapter-sink';
import { Doc } from '../http/openapi';
import { rawBody } from './raw-body.middleware';
import { Serial } from './serial';
import { ShopifyMemory } from './shopify-memory';

const ADAPTER = 'shopify';
/** How far ahead of this clock a trigger time may be (the shop's and our clocks differ). */
const FUTURE_SKEW_MS = 5 * 60_000;

export interface ShopifyAnswer extends Delivered {
  /** `duplicate`: this X-Shopify-Webhook-Id was already stored; nothing was stored again. */
  readonly status: 'stored' | 'duplicate';
}

/**
 * Shopify's order webhooks (orders/paid, orders/cancelled, fulfillments/create,
 * refunds/create), all to one address: `X-Shopify-Hmac-SHA256` must match the raw body under
 * one of the adapter's secrets (else 401, nothing kept); a delivery triggered longer ago than
 * `maxAgeSeconds` is refused as a replay, and a webhook id already stored is answered 200
 * `duplicate` (Shopify retries until it gets a 2xx). The answer comes once the store has the
 * events; a payload that cannot be mapped is a dead letter and still a 200, since a non-2xx
 * would only make Shopify send the same payload again.
 */
@Controller('api/v1/shopify')
export class ShopifyController {
  private readonly memory = new ShopifyMemory();
  private readonly serial = new Serial();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AdapterSink) private readonly sink: AdapterSink,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    @Inject(AdapterSettings) private readonly settings: AdapterSettings,
    @Inject(EventStore) private readonly store: EventStore,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ADAPTER);
  }

  @Post('webhooks')
  @HttpCode(200)
  @Doc({
    summary:
      'Shopify order webhooks: orders/paid, orders/cancelled, fulfillments/create, refunds/create (X-Shopify-Hmac-SHA256)',
  })
  receive(@Req() request: Request): Promise<ShopifyAnswer> {
    const config = this.settings.current(ADAPTER);
    const body = this.verified(request, config);
    const webhookId = header(request, SHOPIFY_WEBHOOK_ID_HEADER);
    const topic = header(request, SHOPIFY_TOPIC_HEADER);
    const triggeredAt = header(request, SHOPIFY_TRIGGERED_AT_HEADER);
    if (!webhookId || !topic || !triggeredAt) {
      throw new BadRequestException(
        `${SHOPIFY_WEBHOOK_ID_HEADER}, ${SHOPIFY_TOPIC_HEADER} and ${SHOPIFY_TRIGGERED_AT_HEADER} are required`,
      );
    }
    const triggeredMs = this.fresh(triggeredAt, config.maxAgeSeconds);
    // One delivery at a time: the replay check and the link memory see every earlier one.
    return this.serial.run(async () => {
      if (this.memory.seen(webhookId)) {
        return { status: 'duplicate', accepted: 0, duplicates: 1, rejected: 0 };
      }
      const delivery = { topic, body: body.toString('utf8'), triggeredAt };
      await this.recall(config, delivery);
      const mapped = mapShopifyWebhook(delivery, options(config), (id) => this.memory.link(id));
      const delivered = await this.deliver(config.tenant, mapped);
      if (mapped.learned) this.memory.learn(mapped.learned.shopifyOrderId, mapped.learned.orderId);
      const oldest = this.clock.now() - config.maxAgeSeconds * 1000;
      this.memory.delivered(webhookId, triggeredMs, oldest);
      return { status: 'stored', ...delivered };
    });
  }

  private get status(): AdapterStatus {
    return this.health.track(ADAPTER);
  }

  /**
   * A fulfillment or refund names only Shopify's order id: when the link to the call's order id
   * is not remembered (a restart, another instance took the order's payment), it is found in
   * the store, from the order events stored under that Shopify id.
   */
  private async recall(
    config: AdapterConfigs['shopify'],
    delivery: { topic: string; body: string },
  ): Promise<void> {
    const shopifyOrderId = shopifyOrderToRecall(delivery, options(config));
    if (shopifyOrderId === undefined || this.memory.link(shopifyOrderId) !== undefined) return;
    const ids = shopifyOrderEventIds(shopifyOrderId, options(config));
    const orderId = await this.store.orderIdOf(config.tenant, ids);
    if (orderId !== undefined) this.memory.learn(shopifyOrderId, orderId);
  }

  /** The raw body, once its signature is known good. */
  private verified(request: Request, config: AdapterConfigs['shopify']): Buffer {
    if (!config.enabled) {
      throw new NotFoundException(
        'the Shopify adapter is off: enable it on the admin page (Adapters) or set MIERUKA_SHOPIFY_SECRETS',
      );
    }
    const body = rawBody(request);
    const check = verifyShopifyHmac({
      header: header(request, SHOPIFY_HMAC_HEADER),
      body,
      secrets: config.secrets.map((secret) => secret.value),
    });
    if (!check.ok) {
      this.status.failed(`refused a delivery: ${check.reason}`);
      throw new UnauthorizedException(check.reason);
    }
    return body;
  }

  /** The trigger time, refused when outside the replay window (signed deliveries only). */
  private fresh(triggeredAt: string, maxAgeSeconds: number): number {
    const at = Date.parse(triggeredAt);
    const now = this.clock.now();
    let reason: string | undefined;
    if (!Number.isFinite(at)) reason = 'is not a time';
    else if (now - at > maxAgeSeconds * 1000) {
      reason = `is more than ${maxAgeSeconds} s ago: refused as a replay`;
    } else if (at - now > FUTURE_SKEW_MS) reason = 'is in the future';
    if (reason === undefined) return at;
    this.status.failed(`refused a delivery: ${SHOPIFY_TRIGGERED_AT_HEADER} ${reason}`);
    throw new UnauthorizedException(`${SHOPIFY_TRIGGERED_AT_HEADER}: ${reason}`);
  }

  private async deliver(
    tenant: string,
    mapped: Parameters<AdapterSink['deliver']>[2],
  ): Promise<Delivered> {
    try {
      return await this.sink.deliver(ADAPTER, tenant, mapped, this.status);
    } catch (error) {
      this.status.failed(`store did not take a delivery: ${String(error)}`);
      this.logger.error({ err: error }, 'storing a Shopify delivery failed; nothing acknowledged');
      throw new ServiceUnavailableException({
        message: 'the store did not take the delivery; Shopify will retry',
        headers: { 'Retry-After': '5' },
      });
    }
  }
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function options(config: AdapterConfigs['shopify']): ShopifyOptions {
  return {
    tenant: config.tenant,
    link:
      config.link === 'note_attribute'
        ? { from: 'note_attribute', attribute: config.linkAttribute }
        : { from: config.link },
    callIdAttribute: config.callIdAttribute,
    agentIdAttribute: config.agentIdAttribute,
  };
}
