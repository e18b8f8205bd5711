import type { AgentState, CallEventInput } from '@mieruka/contracts';
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
