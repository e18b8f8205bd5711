import type { DialOutcome } from '@mieruka/contracts';

/**
 * How an outbound Twilio call ended without a person on the line, from its status callback
 * (https://www.twilio.com/docs/voice/api/call-resource#call-status-values): `busy`,
 * `no-answer`, `failed` ("could not be completed as dialed, most likely because the phone
 * number was non-existent" — 現アナ) and `canceled` (ended by the application while queued or
 * ringing: the dialer's choice, so `other`). With answering machine detection the callback
 * carries `AnsweredBy` (machine_start, machine_end_beep, machine_end_silence,
 * machine_end_other, fax, human, unknown): an answered call picked up by a machine or a fax
 * ended the dial too. `undefined` when the call did not fail (or has not ended yet).
 */
export function twilioDialOutcome(
  status: string,
  answeredBy: string | undefined,
): DialOutcome | undefined {
  switch (status) {
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no_answer';
    case 'failed':
      return 'invalid_number';
    case 'canceled':
      return 'other';
    case 'in-progress':
    case 'completed':
      if (answeredBy === 'fax') return 'fax';
      if (answeredBy?.startsWith('machine')) return 'answering_machine';
      return undefined;
    default:
      return undefined;
  }
}
