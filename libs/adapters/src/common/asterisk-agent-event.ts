import { MISSED_RING_ATTR, type AgentState, type CallEventInput } from '@mieruka/contracts';
import { agentIdOf, type AsteriskOptions } from './asterisk-options';
import { stableEventId } from './event-id';
import { isoAt } from './numbers';

/** An `agent.state` candidate, its id derived from the agent, the time and the state. */
export function agentStateEvent(
  options: AsteriskOptions,
  source: 'asterisk-queue-log' | 'asterisk-ami',
  member: string,
  at: number,
  state: AgentState,
  reason?: string,
  /** Set when the reason alone changed at this instant (a PAUSEREASON line): its own id. */
  reasonInId = false,
): CallEventInput {
  const agentId = agentIdOf(options, member);
  const id = reasonInId
    ? stableEventId(options.idPrefix ?? source, 'agent', agentId, at, state, reason ?? '')
    : stableEventId(options.idPrefix ?? source, 'agent', agentId, at, state);
  return {
    id,
    type: 'agent.state',
    occurredAt: isoAt(at),
    tenant: options.tenant ?? 'default',
    source,
    agentId,
    state,
    ...(reason ? { reason } : {}),
  };
}

/**
 * The `agent.state` of a member rung that did not answer (queue_log RINGNOANSWER, AMI
 * AgentRingNoAnswer): the state it stays in, with `attrs.missedRing` = the caller's call id
 * (and the ring time when known), which the floor counts per agent (docs/kpis.md, Missed
 * rings). Its own id per ring — the same member can ring out twice for one caller.
 */
export function missedRingEvent(
  options: AsteriskOptions,
  source: 'asterisk-queue-log' | 'asterisk-ami',
  ring: {
    readonly member: string;
    readonly at: number;
    readonly callId: string;
    readonly ringMs: number | undefined;
    readonly state: AgentState;
    readonly reason: string | undefined;
  },
): CallEventInput {
  const agentId = agentIdOf(options, ring.member);
  return {
    id: stableEventId(options.idPrefix ?? source, 'agent', agentId, ring.at, 'ring', ring.callId),
    type: 'agent.state',
    occurredAt: isoAt(ring.at),
    tenant: options.tenant ?? 'default',
    source,
    agentId,
    state: ring.state,
    ...(ring.reason ? { reason: ring.reason } : {}),
    attrs: {
      [MISSED_RING_ATTR]: ring.callId,
      ...(ring.ringMs !== undefined ? { ringMs: String(ring.ringMs) } : {}),
    },
  };
}
