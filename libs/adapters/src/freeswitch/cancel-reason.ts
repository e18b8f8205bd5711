import type { AbandonReason } from '@mieruka/contracts';

/**
 * CC-Cancel-Reason of a member-queue-end with CC-Cause Cancel → the canonical abandon reason.
 * mod_callcenter sets TIMEOUT (max-wait-time), NO_AGENT_TIMEOUT (max-wait-time-with-no-agent)
 * and EXIT_WITH_KEY (a key from cc-exit-keys, FreeSWITCH 1.10+) itself. Any other end of the
 * wait without an agent becomes BREAK_OUT (mod_callcenter.c, callcenter_function), and that is
 * what a caller's hang-up gives: a real log shows "abandoned waiting … exit queue … due to
 * BREAK_OUT" before the hang-up's state change, so the event's channel data cannot be trusted
 * to tell it from a transfer. NONE is a caller gone just as an agent was found.
 */
const BY_CANCEL_REASON: Readonly<Record<string, AbandonReason>> = {
  NONE: 'caller_hangup',
  BREAK_OUT: 'caller_hangup',
  TIMEOUT: 'timeout',
  NO_AGENT_TIMEOUT: 'empty',
  EXIT_WITH_KEY: 'key',
};

/** The abandon reason, or undefined for a CC-Cancel-Reason this adapter does not know. */
export function cancelReason(ccCancelReason: string | undefined): AbandonReason | undefined {
  return BY_CANCEL_REASON[ccCancelReason ?? 'NONE'];
}
