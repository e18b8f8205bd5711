import type { AgentState } from '@mieruka/contracts';
import { pauseState, type AsteriskOptions } from '../common/asterisk-options';

/**
 * What queue_log tells about one member. Static members (queues.conf) never log ADDMEMBER,
 * so a member is presumed logged in until it has left every queue it was seen joining.
 */
export interface AgentRecord {
  readonly queues: readonly string[];
  readonly loggedOut: boolean;
  /** The pause reason ('' when none was given); undefined when not paused. */
  readonly paused: string | undefined;
  readonly onCall: boolean;
  /** The last state reported, so a repeated state is not reported again. */
  readonly state: AgentState | undefined;
}

export const NEW_AGENT: AgentRecord = {
  queues: [],
  loggedOut: false,
  paused: undefined,
  onCall: false,
  state: undefined,
};

export function derivedState(agent: AgentRecord, options: AsteriskOptions): AgentState {
  if (agent.loggedOut) return 'logged_out';
  if (agent.onCall) return 'on_call';
  if (agent.paused !== undefined) return pauseState(options, agent.paused || undefined);
  return 'available';
}
