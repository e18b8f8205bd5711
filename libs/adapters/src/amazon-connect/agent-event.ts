import { MISSED_RING_ATTR, type AgentState } from '@mieruka/contracts';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt } from '../common/numbers';
import type { Step } from '../common/types';
import {
  ADAPTER,
  DEFAULT_BREAK_STATUSES,
  agentIdOf,
  objectAt,
  stringAt,
  timeAt,
  type AmazonConnectOptions,
  type Json,
} from './options';

/** What the agent event mapper remembers: AgentARN → the state and reason last mapped. */
export interface AgentEventState {
  readonly agents: ReadonlyMap<string, string>;
}

export const initialAgentEventState: AgentEventState = { agents: new Map() };

const EVENT_TYPES = new Set(['LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT']);
const ON_CONTACT = new Set(['CONNECTED', 'CONNECTED_ONHOLD']);

/**
 * Maps one agent event stream record (https://docs.aws.amazon.com/connect/latest/adminguide/
 * agent-event-stream-model.html) to `agent.state`: LOGOUT → logged_out; a contact CONNECTED
 * (or on hold) → on_call; a contact ENDED (after-contact work) or the `AfterContactWork`
 * status → wrap; a MISSED / REJECTED / ERROR contact → not_ready; else the agent status:
 * `Available` (or type ROUTABLE) → available, `Offline` (type OFFLINE) → logged_out, a custom
 * status → break when listed in `breakStatuses`, else not_ready (the status name as reason).
 * An event that leaves the agent in the state last mapped (most HEART_BEATs) produces nothing.
 */
export function stepAgentEvent(
  state: AgentEventState,
  event: Json,
  raw: string,
  options: AmazonConnectOptions = {},
): Step<AgentEventState> {
  const fail = (reason: string): Step<AgentEventState> => ({
    state,
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  const type = stringAt(event, 'EventType');
  if (!type || !EVENT_TYPES.has(type)) {
    return fail(`agent event: unknown EventType "${type ?? ''}"`);
  }
  const arn = stringAt(event, 'AgentARN');
  if (!arn) return fail(`agent event ${type}: AgentARN is required`);
  const at = timeAt(event, 'EventTimestamp');
  if (at === undefined || Number.isNaN(at)) {
    return fail(`agent event ${type}: EventTimestamp is not an ISO 8601 timestamp`);
  }
  const current = objectAt(event, 'CurrentAgentSnapshot');
  const previous = objectAt(event, 'PreviousAgentSnapshot');
  const snapshot = current ?? previous;
  const username = stringAt(objectAt(snapshot, 'Configuration'), 'Username');
  const agentId = agentIdOf(options, username, arn) as string;

  let mapped: Derived | undefined;
  if (type === 'LOGOUT') mapped = { state: 'logged_out' };
  else if (!current) return fail(`agent event ${type}: CurrentAgentSnapshot is required`);
  else {
    mapped = derive(current, options);
    if (!mapped)
      return fail(`agent event ${type}: CurrentAgentSnapshot.AgentStatus.Name is required`);
  }

  // A second missed contact while still in the missed state is news too (the grid counts it).
  const key = `${mapped.state}|${mapped.reason ?? ''}|${mapped.missedContact ?? ''}`;
  if (state.agents.get(arn) === key) return { state, events: [], rejects: [] };
  const next = { agents: new Map(state.agents).set(arn, key) };
  return {
    state: next,
    ...collect(
      ADAPTER,
      [
        {
          // The agent's id (the ARN's last part, a UUID) keeps the event id short and readable.
          id: stableEventId(
            options.idPrefix ?? ADAPTER,
            'agent',
            arn.split('/').pop() || arn,
            at,
            mapped.state,
          ),
          type: 'agent.state',
          occurredAt: isoAt(at),
          tenant: options.tenant ?? 'default',
          source: ADAPTER,
          agentId,
          state: mapped.state,
          ...(mapped.reason ? { reason: mapped.reason } : {}),
          ...(mapped.missedContact ? { attrs: { [MISSED_RING_ATTR]: mapped.missedContact } } : {}),
        },
      ],
      raw,
    ),
  };
}

interface Derived {
  readonly state: AgentState;
  readonly reason?: string;
  /**
   * A contact offered to the agent and not taken (MISSED, REJECTED, or ERROR while
   * connecting): a missed ring on the agent grid (docs/kpis.md, Missed rings).
   */
  readonly missedContact?: string;
}

function derive(snapshot: Json, options: AmazonConnectOptions): Derived | undefined {
  const contacts = Array.isArray(snapshot.Contacts) ? (snapshot.Contacts as unknown[]) : [];
  const states = contacts.map((c) =>
    typeof c === 'object' && c !== null ? stringAt(c as Json, 'State') : undefined,
  );
  if (states.some((s) => s !== undefined && ON_CONTACT.has(s))) return { state: 'on_call' };
  const status = objectAt(snapshot, 'AgentStatus');
  const name = stringAt(status, 'Name');
  if (states.includes('ENDED') || name === 'AfterContactWork') return { state: 'wrap' };
  const missedAt = states.findIndex((s) => s === 'MISSED' || s === 'REJECTED' || s === 'ERROR');
  const missed = states[missedAt];
  if (missed) {
    const contact = contacts[missedAt] as Json;
    const contactId = stringAt(contact, 'ContactId');
    return {
      state: 'not_ready',
      reason: missed.toLowerCase(),
      ...(contactId ? { missedContact: contactId } : {}),
    };
  }
  if (!name) return undefined;
  const statusType = stringAt(status, 'Type');
  if (name === 'Available' || statusType === 'ROUTABLE') return { state: 'available' };
  if (name === 'Offline' || statusType === 'OFFLINE') return { state: 'logged_out' };
  const breaks = (options.breakStatuses ?? DEFAULT_BREAK_STATUSES).map((s) => s.toLowerCase());
  return breaks.includes(name.trim().toLowerCase())
    ? { state: 'break', reason: name }
    : { state: 'not_ready', reason: name };
}
