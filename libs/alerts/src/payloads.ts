import { formatLocalIso } from '@mieruka/kpi';
import { alertMessage, type AlertNotification } from './message';

/**
 * What each channel is sent for one notification. Pure: the senders in apps/api post these.
 */

/** The generic webhook's JSON: the facts for a program, and the wording for a person. */
export function webhookBody(notification: AlertNotification): Record<string, unknown> {
  const { rule } = notification;
  const message = alertMessage(notification);
  return {
    type: 'mieruka.alert',
    kind: notification.kind,
    tenant: notification.tenant,
    at: formatLocalIso(notification.at, notification.timeZone),
    rule: {
      id: rule.id,
      name: rule.name,
      metric: rule.metric,
      scope: rule.scope,
      op: rule.op,
      threshold: rule.threshold,
    },
    value: notification.value,
    title: message.title,
    text: message.text,
  };
}

/** Slack incoming webhook: `text` is the message (and the notification's preview). */
export function slackBody(notification: AlertNotification): Record<string, unknown> {
  const message = alertMessage(notification);
  return { text: `*${message.title}*\n${message.text}` };
}

/**
 * Microsoft Teams: an Adaptive Card in a `message` envelope, the format the Teams "Workflows"
 * webhooks (Power Automate's "Send webhook alerts to a channel") take. The Office 365
 * connectors' MessageCard webhooks are being retired (Microsoft: "Retirement of Office 365
 * connectors within Microsoft Teams"; argo-cd's Teams Workflows notifier docs give March 31,
 * 2026), and the incoming-webhook docs accept this same envelope
 * (learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook,
 * "Send Adaptive Cards using an Incoming Webhook").
 */
export function teamsBody(notification: AlertNotification): Record<string, unknown> {
  const message = alertMessage(notification);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: message.title,
              weight: 'Bolder',
              size: 'Medium',
              color: notification.kind === 'breach' ? 'Attention' : 'Good',
              wrap: true,
            },
            { type: 'TextBlock', text: message.text, wrap: true },
          ],
        },
      },
    ],
  };
}

/** E-mail: the title as subject, the text as a plain-text body. */
export function emailContent(notification: AlertNotification): { subject: string; text: string } {
  const message = alertMessage(notification);
  return { subject: message.title, text: `${message.text}\n\n— Mieruka` };
}
