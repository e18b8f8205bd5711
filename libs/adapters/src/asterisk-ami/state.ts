import type { AgentState } from '@mieruka/contracts';

/** A caller the mapper saw join a queue and not yet leave it answered or abandoned. */
export interface WaitingCall {
  readonly queue: string;
  readonly joinedAt: number;
  /** CallerIDNum at the join, for an abandon frame without it (before Asterisk 12). */
  readonly caller?: string;
  /** Its channel's HangupRequest / Hangup was seen (class `call`): the caller hung up. */
  readonly hungUp?: boolean;
  /** QueueCallerLeave without an abandon: left alive, settled unless AgentConnect follows. */
  readonly leftAt?: number;
}

/** What the AMI mapper remembers between frames; keep it across reconnects. */
export interface AmiState {
  /** Caller channel Uniqueid → its wait. */
  readonly waiting: ReadonlyMap<string, WaitingCall>;
  /** Member name → the last state reported (a member sits in several queues). */
  readonly agents: ReadonlyMap<string, AgentState>;
  /**
   * Member name → the pause reason last reported with a break / not_ready state, so a new
   * `PausedReason` while already paused (a reason-only change) is reported too.
   */
  readonly reasons?: ReadonlyMap<string, string>;
  /** Member name → the queues it is known to be in. */
  readonly memberships: ReadonlyMap<string, readonly string[]>;
  /** Uniqueids listed by the QueueStatus resync under way; undefined when none is. */
  readonly resync: ReadonlySet<string> | undefined;
  /** Hang-up events arrive (manager.conf reads class `call`), so abandons can be told apart. */
  readonly seesHangups?: boolean;
}

export const initialAmiState: AmiState = {
  waiting: new Map(),
  agents: new Map(),
  memberships: new Map(),
  resync: undefined,
};

/**
 * Call before sending `Action: QueueStatus` after a (re)connect: the QueueEntry and
 * QueueMember events that follow then fill in what was missed, and QueueStatusComplete
 * closes the calls that left their queue while the connection was down.
 */
export function startResync(state: AmiState): AmiState {
  return { ...state, resync: new Set() };
}
