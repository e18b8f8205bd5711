import { createTransport } from 'nodemailer';
import type { AlertChannel } from '@mieruka/contracts';
import { SIGNATURE_HEADER, createSignatureHeader } from '@mieruka/adapters';
import {
  emailContent,
  slackBody,
  teamsBody,
  webhookBody,
  type AlertNotification,
} from '@mieruka/alerts';

/** How long one attempt may take before it counts as failed. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * A failed attempt, with a reason safe to show and audit: a status code or an error code,
 * never a message or a response body — those can echo the URL, which for Slack and Teams is
 * the credential.
 */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    /** A 4xx other than 408/429: the receiver refuses the post as such; retrying cannot help. */
    readonly permanent = false,
  ) {
    super(reason);
  }
}

/** Sends one notification on one channel; throws a DeliveryError when it did not arrive. */
export async function sendToChannel(
  channel: AlertChannel,
  notification: AlertNotification,
  now: number,
): Promise<void> {
  switch (channel.kind) {
    case 'webhook': {
      const body = JSON.stringify(webhookBody(notification));
      const signature = createSignatureHeader({
        body,
        secrets: channel.signingSecret.value,
        timestamp: Math.floor(now / 1000),
      });
      return post(channel.url, body, { [SIGNATURE_HEADER]: signature });
    }
    case 'slack':
      return post(channel.url.value, JSON.stringify(slackBody(notification)), {});
    case 'teams':
      return post(channel.url.value, JSON.stringify(teamsBody(notification)), {});
    case 'email':
      return mail(channel, notification);
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError(networkReason(error));
  }
  // Read and dropped: the body is the receiver's, and may repeat what was sent.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) {
    const status = response.status;
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    throw new DeliveryError(`HTTP ${status}`, permanent);
  }
}

type EmailChannel = Extract<AlertChannel, { kind: 'email' }>;

async function mail(channel: EmailChannel, notification: AlertNotification): Promise<void> {
  const transport = createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    ...(channel.user !== undefined
      ? { auth: { user: channel.user, pass: channel.password?.value ?? '' } }
      : {}),
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
    logger: false,
  });
  try {
    await transport.sendMail({ from: channel.from, to: channel.to, ...emailContent(notification) });
  } catch (error) {
    const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
    const reason = [typeof code === 'string' ? code : 'SMTP error']
      .concat(typeof responseCode === 'number' ? [String(responseCode)] : [])
      .join(' ');
    throw new DeliveryError(reason, typeof responseCode === 'number' && responseCode >= 500);
  } finally {
    transport.close();
  }
}

/** A network failure by its code (ECONNREFUSED, a timeout), never its message. */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
