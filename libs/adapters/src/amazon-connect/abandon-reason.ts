import type { AbandonReason } from '@mieruka/contracts';

/**
 * Why a queued contact that never reached an agent left the queue, from its contact record
 * (https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html, DisconnectReason).
 * CONTACT_FLOW_DISCONNECT in a queue is the customer queue flow ending the wait (its loop ran
 * out): the queue gave up, as EXPIRED does. A contact sent on (NextContactId: a transfer or a
 * queued callback) was routed elsewhere, which the record does not explain further.
 */
export function abandonReason(
  disconnectReason: string | undefined,
  transferredOn: boolean,
): AbandonReason {
  if (transferredOn) return 'other';
  switch (disconnectReason) {
    case 'CUSTOMER_DISCONNECT':
      return 'caller_hangup';
    case 'CONTACT_FLOW_DISCONNECT':
    case 'EXPIRED':
      return 'timeout';
    default:
      // TELECOM_PROBLEM, OTHER, THIRD_PARTY_DISCONNECT, API, a missing reason: not the caller's
      // choice as far as the record says, so never a short abandon.
      return 'other';
  }
}
