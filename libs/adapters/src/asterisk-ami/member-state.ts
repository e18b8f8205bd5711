import type { AgentState } from '@mieruka/contracts';
import { pauseState, type AsteriskOptions } from '../common/asterisk-options';
import { field, type AmiFrame } from './frame';

/**
 * Asterisk device states as numbered in `QueueMemberStatus.Status` / `QueueMember.Status`
 * (include/asterisk/devicestate.h): 0 UNKNOWN, 1 NOT_INUSE, 2 INUSE, 3 BUSY, 4 INVALID,
 * 5 UNAVAILABLE, 6 RINGING, 7 RINGINUSE, 8 ONHOLD.
 */
const ON_CALL = new Set(['2', '3', '7', '8']);
const GONE = new Set(['4', '5']);

/**
 * The agent state a member line describes: unavailable device → logged_out; in a call →
 * on_call (a member may pause during a call to take wrap-up time: the call wins); paused →
 * break or not_ready by its reason; else available (a ringing member is still available).
 */
export function memberState(
  frame: AmiFrame,
  options: AsteriskOptions,
): {
  readonly state: AgentState;
  readonly reason: string | undefined;
} {
  const status = field(frame, 'Status')?.trim();
  if (status !== undefined && GONE.has(status)) return { state: 'logged_out', reason: undefined };
  if (field(frame, 'InCall') === '1' || (status !== undefined && ON_CALL.has(status))) {
    return { state: 'on_call', reason: undefined };
  }
  if (field(frame, 'Paused') === '1') {
    const reason = (field(frame, 'PausedReason') ?? field(frame, 'Reason'))?.trim() || undefined;
    return { state: pauseState(options, reason), reason };
  }
  return { state: 'available', reason: undefined };
}

/** States that come from the member's device (Status), not from its pause. */
const DEVICE_STATES: ReadonlySet<AgentState> = new Set(['on_call', 'logged_out']);

/**
 * A member line without the device's state (Asterisk 1.8–11 `QueueMemberPaused` carries only
 * Queue, Location, MemberName, Paused): a pause change does not end a call or bring an
 * unavailable device back, so the state its device last gave is kept.
 */
export function keptDeviceState(
  frame: AmiFrame,
  before: AgentState | undefined,
): { readonly state: AgentState; readonly reason: undefined } | undefined {
  if (field(frame, 'Status') !== undefined || field(frame, 'InCall') !== undefined)
    return undefined;
  return before !== undefined && DEVICE_STATES.has(before)
    ? { state: before, reason: undefined }
    : undefined;
}

/** The member's name (`MemberName`, or `Name` in QueueMember), else its interface. */
export function memberOf(frame: AmiFrame): string | undefined {
  const name =
    field(frame, 'MemberName') ??
    field(frame, 'Name') ??
    field(frame, 'Interface') ??
    field(frame, 'Location');
  return name?.trim() || undefined;
}
