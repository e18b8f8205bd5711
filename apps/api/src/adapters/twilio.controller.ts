import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { Forbidden, InvalidInput, NotFound, Unavailable } from '@mieruka/contracts';
import {
  TWILIO_SIGNATURE_HEADER,
  initialTaskRouterState,
  mapVoiceStatus,
  parseEventStreamsBody,
  parseForm,
  stepEventStreamsBatch,
  stepTaskRouter,
  verifyTwilioBodySignature,
  verifyTwilioSignature,
  type TaskRouterState,
  type TwilioSignatureCheck,
} from '@mieruka/adapters';
import { AdapterHealth, type AdapterStatus } from './adapter-health';
import { AdapterSettings } from './adapter-settings.service';
import { AdapterSink, type Delivered } from './adapter-sink';
import { Doc } from '../http/openapi';
import { rawBody } from './raw-body.middleware';
import { Serial } from './serial';

const ADAPTER = 'twilio';

/**
 * Twilio's callbacks (form posts): TaskRouter event callbacks (the workspace's Event Callback
 * URL) and Voice status callbacks (a call's StatusCallback); and an Event Streams webhook
 * sink's deliveries (JSON arrays of TaskRouter CloudEvents), stepped by the same TaskRouter
 * mapping and state as the callbacks. Each is checked against
 * `X-Twilio-Signature` over the public URL Twilio called — MIERUKA_TWILIO_PUBLIC_URL plus the
 * path and query, since behind a proxy the API sees another URL — under any of
 * MIERUKA_TWILIO_AUTH_TOKENS. The answer comes once the store has the events: well inside
 * Twilio's 15-second limit, and a 503 makes Twilio report the failed callback.
 */
@Controller('api/v1/twilio')
export class TwilioController {
  private taskRouter: TaskRouterState = initialTaskRouterState;
  /** CloudEvent ids the sink has stored (Event Streams delivers at least once). */
  private cloudEventIds: ReadonlySet<string> = new Set();
  private readonly serial = new Serial();

  constructor(
    @Inject(AdapterSink) private readonly sink: AdapterSink,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    @Inject(AdapterSettings) private readonly settings: AdapterSettings,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ADAPTER);
  }

  @Post('taskrouter')
  @HttpCode(200)
  @Doc({ summary: 'Twilio TaskRouter event callback (form post, X-Twilio-Signature)' })
  taskRouterEvent(@Req() request: Request): Promise<Delivered> {
    const params = this.verified(request);
    // One callback at a time: the next one steps from the state this one leaves, and the
    // state moves on only after the store took this one's events.
    return this.serial.run(async () => {
      const step = stepTaskRouter(this.taskRouter, params, { tenant: this.tenant });
      const delivered = await this.deliver(step);
      this.taskRouter = step.state;
      return delivered;
    });
  }

  @Post('event-streams')
  @HttpCode(200)
  @Doc({
    summary:
      'Twilio Event Streams webhook sink: a JSON array of TaskRouter CloudEvents (X-Twilio-Signature)',
  })
  eventStreams(@Req() request: Request): Promise<Delivered> {
    const body = rawBody(request);
    this.check(request, (url, authTokens) =>
      verifyTwilioBodySignature({ signature: signatureOf(request), url, body, authTokens }),
    );
    const parsed = parseEventStreamsBody(body.toString('utf8'));
    if (!parsed.ok) throw new InvalidInput(parsed.reason);
    // Serial with the callbacks: both step the one TaskRouter state, which moves on (and the
    // ids count as seen) only once the store took the events — a 503 makes Event Streams retry.
    return this.serial.run(async () => {
      const step = stepEventStreamsBatch(
        { taskRouter: this.taskRouter, seen: this.cloudEventIds },
        parsed.events,
        { tenant: this.tenant },
      );
      const delivered = await this.deliver({
        events: step.events,
        rejects: [...parsed.rejects, ...step.rejects],
      });
      this.taskRouter = step.state.taskRouter;
      this.cloudEventIds = step.state.seen;
      return delivered;
    });
  }

  @Post('voice')
  @HttpCode(200)
  @Doc({ summary: 'Twilio Voice status callback (form post, X-Twilio-Signature)' })
  voiceStatus(@Req() request: Request): Promise<Delivered> {
    const params = this.verified(request);
    // Campaign and agent travel in the StatusCallback URL's query (signed with the URL).
    const query = new URL(request.originalUrl, 'http://x').searchParams;
    const merged = { ...Object.fromEntries(query), ...params };
    return this.deliver(mapVoiceStatus(merged, { tenant: this.tenant }));
  }

  private get tenant(): string {
    return this.settings.current(ADAPTER).tenant;
  }

  private get status(): AdapterStatus {
    return this.health.track(ADAPTER);
  }

  /** The form's parameters, once the signature is known good. */
  private verified(request: Request): Record<string, string> {
    const pairs = parseForm(rawBody(request).toString('utf8'));
    this.check(request, (url, authTokens) =>
      verifyTwilioSignature({ signature: signatureOf(request), url, params: pairs, authTokens }),
    );
    return Object.fromEntries(pairs);
  }

  /**
   * Refuses the request unless the adapter is on and `verify` finds the signature good for the
   * public URL Twilio called under one of the auth tokens.
   */
  private check(
    request: Request,
    verify: (url: string, authTokens: readonly string[]) => TwilioSignatureCheck,
  ): void {
    const config = this.settings.current(ADAPTER);
    if (!config.enabled) {
      throw new NotFound(
        'the Twilio adapter is off: enable it on the admin page (Adapters) or set MIERUKA_TWILIO_AUTH_TOKENS',
      );
    }
    const base = (config.publicUrl ?? '').replace(/\/+$/, '');
    const check = verify(
      base + request.originalUrl,
      config.authTokens.map((token) => token.value),
    );
    if (!check.ok) {
      this.status.failed(`refused a callback: ${check.reason}`);
      throw new Forbidden(check.reason);
    }
  }

  private async deliver(mapped: Parameters<AdapterSink['deliver']>[2]): Promise<Delivered> {
    try {
      return await this.sink.deliver(ADAPTER, this.tenant, mapped, this.status);
    } catch (error) {
      this.status.failed(`store did not take a callback: ${String(error)}`);
      this.logger.error({ err: error }, 'storing a Twilio callback failed; nothing acknowledged');
      throw new Unavailable('the store did not take the callback; nothing was stored', {
        retryAfterSeconds: 5,
        cause: error,
      });
    }
  }
}

function signatureOf(request: Request): string | undefined {
  const header = request.headers[TWILIO_SIGNATURE_HEADER];
  return typeof header === 'string' ? header : undefined;
}
