import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { alertDelivered, type AlertChannel, type AlertDelivery } from '@mieruka/contracts';
import type { AlertNotification } from '@mieruka/alerts';
import { AuditStore } from '@mieruka/store';
import { backoffDelay } from '../adapters/backoff';
import { CLOCK, type Clock } from '../config/tokens';
import { ALERT_CLAIMS, type AlertClaims } from './alert-claims';
import { DeliveryError, sendToChannel } from './channel-senders';

/** Tries per message and channel, and the waits between them (doubling, with jitter). */
export const ALERT_ATTEMPTS = 4;
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/** The audit log's actor for what the API does by itself. */
const SYSTEM_ACTOR = 'mieruka';

/**
 * Sends each notification to its channels in the background: the live loop hands it over and
 * moves on, so a slow or failing receiver never holds the numbers up. Each channel is tried
 * up to ALERT_ATTEMPTS times with backoff; the outcome — sent, or failed with a status or
 * error code — goes to the audit log, which is also the admins' list of deliveries. Nothing
 * here logs or records a channel's address or secret: channels are named by id and kind.
 */
@Injectable()
export class AlertDispatcher implements BeforeApplicationShutdown {
  private readonly pending = new Set<Promise<void>>();
  private closing = false;

  constructor(
    @Inject(AuditStore) private readonly audit: AuditStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ALERT_CLAIMS) private readonly claims: AlertClaims,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('alerts');
  }

  dispatch(notification: AlertNotification, channels: readonly AlertChannel[]): void {
    const { tenant, rule, kind } = notification;
    const work = this.claims
      .claim(tenant, rule.id, kind, rule.cooldownMs)
      .then(async (mine) => {
        // Another instance claimed it first and sends it (alert-claims.ts).
        if (!mine) return;
        await Promise.all(
          channels.map((channel) =>
            this.deliver(notification, channel).catch((error: unknown) => {
              this.logger.error({ err: error, rule: rule.id }, 'alert delivery crashed');
            }),
          ),
        );
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, rule: rule.id }, 'alert delivery crashed');
      });
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Lets the sends under way finish (their retries cut short) before the store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.pending]);
    await this.claims.close();
  }

  private async deliver(notification: AlertNotification, channel: AlertChannel): Promise<void> {
    let attempts = 0;
    let error: string | null = null;
    for (;;) {
      attempts += 1;
      try {
        await sendToChannel(channel, notification, this.clock.now());
        error = null;
        break;
      } catch (failure) {
        const known = failure instanceof DeliveryError ? failure : undefined;
        error = known?.reason ?? 'send failed';
        if (known?.permanent || attempts >= ALERT_ATTEMPTS || this.closing) break;
        await sleep(backoffDelay(attempts - 1, FIRST_RETRY_MS, LAST_RETRY_MS));
      }
    }
    const delivery: AlertDelivery = {
      at: new Date(this.clock.now()).toISOString(),
      tenant: notification.tenant,
      rule: notification.rule.id,
      channel: channel.id,
      kind: notification.kind,
      outcome: error === null ? 'sent' : 'failed',
      attempts,
      error,
    };
    const fields = {
      rule: delivery.rule,
      channel: channel.id,
      channelKind: channel.kind,
      attempts,
    };
    if (error === null) this.logger.info(fields, `alert ${notification.kind} sent`);
    else this.logger.warn({ ...fields, reason: error }, `alert ${notification.kind} not delivered`);
    await this.record(delivery, channel.kind);
  }

  private async record(delivery: AlertDelivery, channelKind: string): Promise<void> {
    const change = alertDelivered(delivery, channelKind);
    try {
      await this.audit.append({
        id: randomUUID(),
        at: delivery.at,
        tenant: change.tenant,
        actor: SYSTEM_ACTOR,
        // The role and tenant scope the API acts with when it sends on an admin's rules.
        actorRole: 'admin',
        actorTenant: '*',
        action: change.action,
        target: change.target,
        summary: change.summary,
        requestId: '',
      });
    } catch (error) {
      this.logger.error({ err: error, delivery }, 'audit: could not store an alert delivery');
    }
  }
}
