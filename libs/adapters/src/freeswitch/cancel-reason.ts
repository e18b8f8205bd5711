import type { AbandonReason } from '@mieruka/contracts';

type Headers = Readonly<Record<string, string | undefined>>;

/**
 * CC-Cancel-Reason of a member-queue-end with CC-Cause Cancel → the canonical abandon reason.
 * mod_callcenter sets TIMEOUT (max-wait-time), NO_AGENT_TIMEOUT (max-wait-time-with-no-agent)
 * and EXIT_WITH_KEY (a key from cc-exit-keys, FreeSWITCH 1.10+) itself; any other end of the
 * wait without an agent is BREAK_OUT, and NONE is a caller gone as an agent was being found.
 */
const BY_CANCEL_REASON: Readonly<Record<string, AbandonReason | 'break_out'>> = {
  NONE: 'caller_hangup',
  TIMEOUT: 'timeout',
  NO_AGENT_TIMEOUT: 'empty',
  EXIT_WITH_KEY: 'key',
  BREAK_OUT: 'break_out',
};

/**
 * The abandon reason of a `member-queue-end` with `CC-Cause: Cancel`, or undefined for a
 * CC-Cancel-Reason this adapter does not know. BREAK_OUT is what a caller's hang-up gives
 * (the wait loop ends because the channel is gone: mod_callcenter.c, callcenter_function),
 * but also a transfer or uuid_break of a live caller: the channel data the event carries
 * (`Answer-State`, `Channel-Call-State`) tells which.
 */
export function cancelReason(event: Headers): AbandonReason | undefined {
  const mapped = BY_CANCEL_REASON[event['CC-Cancel-Reason'] ?? 'NONE'];
  if (mapped !== 'break_out') return mapped;
  return stillUp(event) ? 'other' : 'caller_hangup';
}

/** True when the event's channel data says the caller's channel had not hung up. */
function stillUp(event: Headers): boolean {
  if (event['CC-Hangup-Cause'] || event['Hangup-Cause']) return false;
  const answer = event['Answer-State'];
  const call = event['Channel-Call-State'];
  if (answer === 'hangup' || call === 'HANGUP') return false;
  return answer !== undefined || call !== undefined;
}
