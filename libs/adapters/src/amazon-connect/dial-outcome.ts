import type { DialOutcome } from '@mieruka/contracts';

/**
 * How an outbound contact's dial ended, from its record. Answering machine detection (outbound
 * campaigns) names it in `AnsweringMachineDetectionStatus`
 * (https://docs.aws.amazon.com/connect/latest/APIReference/API_Contact.html): a voicemail, a
 * fax, a special information tone for busy or an invalid number, or no answer. Without a
 * decisive status, a contact the customer never answered (no `ConnectedToSystemTimestamp`)
 * that has disconnected is `no_answer`: the record does not tell a busy line from one that
 * rang out, and no answer is what nearly all of them are. `undefined`: answered by a person,
 * or not over yet.
 */
const AMD_OUTCOMES: Readonly<Record<string, DialOutcome>> = {
  VOICEMAIL_BEEP: 'answering_machine',
  VOICEMAIL_NO_BEEP: 'answering_machine',
  FAX_MACHINE_DETECTED: 'fax',
  SIT_TONE_BUSY: 'busy',
  SIT_TONE_INVALID_NUMBER: 'invalid_number',
  SIT_TONE_DETECTED: 'other',
  AMD_UNANSWERED: 'no_answer',
};

export function connectDialOutcome(
  amdStatus: string | undefined,
  answered: boolean,
  disconnected: boolean,
): DialOutcome | undefined {
  const detected = amdStatus ? AMD_OUTCOMES[amdStatus] : undefined;
  if (detected) return detected;
  return !answered && disconnected ? 'no_answer' : undefined;
}
