import type { AbandonReason } from '@mieruka/contracts';

/**
 * A canceled task's TaskCanceledReason → the canonical abandon reason. TaskRouter's reason is
 * free text: `hangup` when <Enqueue>'s caller hangs up, `Task TTL Exceeded` when the task's
 * timeout runs out, a Workflow's timeout, or whatever the application passed to the Task
 * update that canceled it. Only text naming a hang-up is the caller's; unknown text is `other`,
 * so an application's own cancellation never counts as a short abandon.
 */
export function canceledReason(text: string | undefined): AbandonReason {
  if (!text) return 'other';
  if (/hang\s*-?\s*up|caller|customer|abandon/i.test(text)) return 'caller_hangup';
  if (/ttl|time\s*-?\s*out|timed out|expire/i.test(text)) return 'timeout';
  return 'other';
}
