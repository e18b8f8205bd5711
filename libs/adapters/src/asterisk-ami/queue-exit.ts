import type { AbandonReason, AgentState } from '@mieruka/contracts';
import type { AmiState, WaitingCall } from './state';

/**
 * A caller who left the queue alive (QueueCallerLeave with no QueueCallerAbandon) is settled
 * this long after, unless AgentConnect came: app_queue raises QueueCallerLeave before
 * AgentConnect, with the member's announcement and memberdelay in between.
 */
export const LEAVE_GRACE_MS = 30_000;

/** Member states that can still take a queue's call (Asterisk's leavewhenempty counts the rest). */
const STAFFED: ReadonlySet<AgentState> = new Set(['available', 'on_call', 'wrap']);

/** HangupRequest, SoftHangupRequest, Hangup (class `call`): the channel is going away. */
export function isHangupEvent(event: string | undefined): boolean {
  return event === 'HangupRequest' || event === 'SoftHangupRequest' || event === 'Hangup';
}

/** Notes that a waiting caller's channel hung up, and that the `call` class is being read. */
export function markHangup(state: AmiState, uniqueid: string | undefined): AmiState {
  const call = uniqueid ? state.waiting.get(uniqueid) : undefined;
  if (!call || !uniqueid) return state.seesHangups ? state : { ...state, seesHangups: true };
  const waiting = new Map(state.waiting).set(uniqueid, { ...call, hungUp: true });
  return { ...state, waiting, seesHangups: true };
}

/**
 * Why a QueueCallerAbandon was raised. app_queue raises it for a caller's hang-up and also
 * when the queue gives up on a live caller (EXITWITHTIMEOUT, EXITEMPTY: record_abandoned in
 * queue_exec), with no field to tell them apart. The caller's HangupRequest comes first when
 * they hung up, so with the `call` class read, an abandon without one is the queue's doing:
 * `empty` when no member of the queue could take calls, else `timeout`. Without that class,
 * Asterisk says nothing more and the abandon stays a hang-up, as before.
 */
export function abandonReason(
  state: AmiState,
  call: WaitingCall | undefined,
  queue: string,
): AbandonReason {
  if (call?.hungUp || !state.seesHangups || !call) return 'caller_hangup';
  return unstaffed(state, queue) ? 'empty' : 'timeout';
}

/**
 * Why a caller who left alive without an agent left: a key from the queue's context
 * (EXITWITHKEY raises no QueueCallerAbandon), or the queue emptied while they waited.
 */
export function leaveReason(state: AmiState, call: WaitingCall, queue: string): AbandonReason {
  if (call.hungUp) return 'caller_hangup';
  return unstaffed(state, queue) ? 'empty' : 'key';
}

/** True when members of the queue are known and none can take a call. */
function unstaffed(state: AmiState, queue: string): boolean {
  const members = [...state.memberships].filter(([, queues]) => queues.includes(queue));
  if (members.length === 0) return false;
  return members.every(([name]) => !STAFFED.has(state.agents.get(name) ?? 'logged_out'));
}
