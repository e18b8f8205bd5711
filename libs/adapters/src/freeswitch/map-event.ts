import { callerAttrs } from '../common/caller';
import { OFFER_INFERRED_ATTR } from '../common/offer-inferred';
import { cancelReason } from './cancel-reason';
import { MISSED_RING_ATTR, type AgentState } from '@mieruka/contracts';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { decimalSecondsToMs, isoAt, wholeNumber } from '../common/numbers';
import type { BaseOptions, Candidate, Step } from '../common/types';

const ADAPTER = 'freeswitch' as const;

export interface FreeswitchOptions extends BaseOptions {
  /** CC-Agent (`1000@default`) → canonical agent id; else the name without `@domain`. */
  readonly agentIds?: Readonly<Record<string, string>>;
  /** Keep `@domain` on queue and agent names (`support@default`); dropped by default. */
  readonly keepDomain?: boolean;
  /** The agents' wrap_up_time, for `call.wrapped.wrapMs`; 0 when left out. */
  readonly wrapupMs?: number;
  /** `call.wrapped.disposition` (mod_callcenter has none); `completed` when left out. */
  readonly disposition?: string;
}

interface AgentRecord {
  readonly status: string | undefined;
  readonly ccState: string | undefined;
  readonly reported: AgentState | undefined;
}

/**
 * What the FreeSWITCH mapper remembers: each agent's status and state, to report changes, and
 * the members whose member-queue-start was seen and who are still waiting (`session|queue`).
 */
export interface FreeswitchState {
  readonly agents: ReadonlyMap<string, AgentRecord>;
  readonly waiting: ReadonlySet<string>;
}

export const initialFreeswitchState: FreeswitchState = { agents: new Map(), waiting: new Set() };

const SILENT_ACTIONS = new Set(['agent-offering', 'members-count']);

/**
 * bridge-agent-fail causes that are no miss of the agent's: mod_callcenter cancels the other
 * agents' rings itself (ring-all, or the caller left) with ORIGINATOR_CANCEL. Any other cause
 * — no answer, busy, rejected, not registered — is a call offered to the agent and not taken.
 */
const NOT_MISSED = new Set(['ORIGINATOR_CANCEL', 'LOSE_RACE']);

type Headers = Readonly<Record<string, string | undefined>>;

/**
 * Maps one decoded `CUSTOM callcenter::info` event of mod_callcenter
 * (https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod_callcenter_1049389/):
 * member-queue-start → call.offered; bridge-agent-start → call.connected; bridge-agent-end →
 * call.wrapped; bridge-agent-fail → a missed ring of the agent (the agent.state it stays in,
 * `attrs.missedRing`); member-queue-end with CC-Cause Cancel → call.abandoned with its reason
 * (cancel-reason.ts; Terminated: the call
 * was answered, bridge-agent-end has it); agent-status-change / agent-state-change →
 * agent.state. Other events map to nothing; an unknown CC-Action is rejected.
 */
export function stepFreeswitch(
  state: FreeswitchState,
  event: Headers,
  options: FreeswitchOptions = {},
): Step<FreeswitchState> {
  const raw = Object.entries(event)
    .map(([k, v]) => `${k}: ${v ?? ''}`)
    .join('\n');
  const nothing = { state, events: [], rejects: [] };
  const fail = (reason: string): Step<FreeswitchState> => ({
    state,
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  if (event['Event-Name'] !== 'CUSTOM' || event['Event-Subclass'] !== 'callcenter::info')
    return nothing;
  const action = event['CC-Action'];
  if (!action) return fail('callcenter::info: CC-Action is required');
  if (SILENT_ACTIONS.has(action)) return nothing;
  // Event-Date-Timestamp is in microseconds since the epoch.
  const micros = wholeNumber(event['Event-Date-Timestamp']);
  if (micros === undefined)
    return fail(`${action}: Event-Date-Timestamp is not epoch microseconds`);
  const at = Math.floor(micros / 1000);
  const name = (value: string) => (options.keepDomain ? value : value.replace(/@[^@]*$/, ''));

  if (action === 'agent-status-change' || action === 'agent-state-change') {
    const agent = event['CC-Agent'];
    if (!agent) return fail(`${action}: CC-Agent is required`);
    const before = state.agents.get(agent) ?? {
      status: undefined,
      ccState: undefined,
      reported: undefined,
    };
    const record =
      action === 'agent-status-change'
        ? { ...before, status: event['CC-Agent-Status'] }
        : { ...before, ccState: event['CC-Agent-State'] };
    const derived = agentState(record);
    if (derived === undefined)
      return fail(
        `${action}: unknown status "${record.status ?? ''}" or state "${record.ccState ?? ''}"`,
      );
    const agents = new Map(state.agents).set(agent, { ...record, reported: derived });
    if (derived === before.reported)
      return { state: { ...state, agents }, events: [], rejects: [] };
    const agentId = options.agentIds?.[agent] ?? name(agent);
    const candidate: Candidate = {
      id: stableEventId(options.idPrefix ?? ADAPTER, 'agent', agentId, at, derived),
      type: 'agent.state',
      occurredAt: isoAt(at),
      tenant: options.tenant ?? 'default',
      source: ADAPTER,
      agentId,
      state: derived,
      ...(derived === 'break' ? { reason: record.status } : {}),
    };
    return { state: { ...state, agents }, ...collect(ADAPTER, [candidate], raw) };
  }

  const session = event['CC-Member-Session-UUID'];
  const queue = event['CC-Queue'];
  if (!session || !queue)
    return fail(`${action}: CC-Member-Session-UUID and CC-Queue are required`);
  const seconds = (key: string) => decimalSecondsToMs(event[key]);
  const span = (from: string, to: string) => {
    const a = seconds(from);
    const b = seconds(to);
    return a === undefined || b === undefined ? undefined : b - a;
  };
  const call = {
    occurredAt: isoAt(at),
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    callId: session,
    direction: 'inbound' as const,
    queue: name(queue),
  };
  const id = (kind: string) =>
    stableEventId(options.idPrefix ?? ADAPTER, session, name(queue), kind);
  const agentId = event['CC-Agent']
    ? (options.agentIds?.[event['CC-Agent']] ?? name(event['CC-Agent']))
    : undefined;
  const emit = (candidate: Candidate) => ({ state, ...collect(ADAPTER, [candidate], raw) });
  const key = `${session}|${queue}`;
  const waiting = (has: boolean) => {
    const next = new Set(state.waiting);
    if (has) next.add(key);
    else next.delete(key);
    return { ...state, waiting: next };
  };
  /**
   * A connect or an exit ends the wait: with no member-queue-start seen (the member joined
   * before the connection), its offer is worked out from CC-Member-Joined-Time, with the real
   * offer's id — offered never falls below answered and abandoned.
   */
  const leave = (candidate: Candidate) => {
    const joinedAt = seconds('CC-Member-Joined-Time');
    const offer: Candidate[] =
      state.waiting.has(key) || joinedAt === undefined
        ? []
        : [
            {
              ...call,
              occurredAt: isoAt(joinedAt),
              id: id('offered'),
              type: 'call.offered',
              attrs: { [OFFER_INFERRED_ATTR]: 'true' },
            },
          ];
    return { state: waiting(false), ...collect(ADAPTER, [...offer, candidate], raw) };
  };

  switch (action) {
    case 'member-queue-start':
      return {
        state: waiting(true),
        ...collect(ADAPTER, [{ ...call, id: id('offered'), type: 'call.offered' }], raw),
      };
    case 'bridge-agent-fail': {
      // A missed ring (docs/kpis.md, Missed rings): the agent stays in its state.
      const agent = event['CC-Agent'];
      const cause = event['CC-Hangup-Cause']?.trim() ?? '';
      if (!agent || !agentId || NOT_MISSED.has(cause)) return nothing;
      const known = state.agents.get(agent);
      const stays = known?.reported ?? 'available';
      return emit({
        id: stableEventId(options.idPrefix ?? ADAPTER, 'agent', agentId, at, 'ring', session),
        type: 'agent.state',
        occurredAt: isoAt(at),
        tenant: options.tenant ?? 'default',
        source: ADAPTER,
        agentId,
        state: stays,
        ...(stays === 'break' && known?.status ? { reason: known.status } : {}),
        attrs: { [MISSED_RING_ATTR]: session, ...(cause ? { hangupCause: cause } : {}) },
      });
    }
    case 'bridge-agent-start': {
      const waitMs = span('CC-Member-Joined-Time', 'CC-Agent-Answered-Time');
      if (waitMs === undefined)
        return fail(
          'bridge-agent-start: CC-Member-Joined-Time and CC-Agent-Answered-Time are required',
        );
      return leave({ ...call, id: id('connected'), type: 'call.connected', agentId, waitMs });
    }
    case 'bridge-agent-end': {
      const talkMs = span('CC-Agent-Answered-Time', 'CC-Bridge-Terminated-Time');
      if (talkMs === undefined)
        return fail(
          'bridge-agent-end: CC-Agent-Answered-Time and CC-Bridge-Terminated-Time are required',
        );
      return emit({
        ...call,
        id: id('wrapped'),
        type: 'call.wrapped',
        agentId,
        talkMs,
        holdMs: 0,
        wrapMs: options.wrapupMs ?? 0,
        disposition: options.disposition ?? 'completed',
      });
    }
    case 'member-queue-end': {
      const cause = event['CC-Cause'];
      if (cause === 'Terminated') return { state: waiting(false), events: [], rejects: [] };
      if (cause !== 'Cancel') return fail(`member-queue-end: unknown CC-Cause "${cause ?? ''}"`);
      const reason = cancelReason(event['CC-Cancel-Reason']);
      if (!reason)
        return fail(
          `member-queue-end: unknown CC-Cancel-Reason "${event['CC-Cancel-Reason'] ?? ''}"`,
        );
      const waitMs = span('CC-Member-Joined-Time', 'CC-Member-Leaving-Time');
      if (waitMs === undefined)
        return fail(
          'member-queue-end: CC-Member-Joined-Time and CC-Member-Leaving-Time are required',
        );
      const attrs = callerAttrs(event['CC-Member-CID-Number']);
      return leave({
        ...call,
        id: id('abandoned'),
        type: 'call.abandoned',
        waitMs,
        reason,
        ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
      });
    }
    default:
      return fail(`${action}: not a mod_callcenter action this adapter knows`);
  }
}

/**
 * Status (Logged Out, Available, Available (On Demand), On Break) says whether the agent takes
 * calls; state (Idle, Waiting, Receiving, In a queue call) what it is doing. Idle is the
 * wrap-up (and the reject / no-answer delays) between calls.
 */
function agentState(agent: AgentRecord): AgentState | undefined {
  switch (agent.status) {
    case 'Logged Out':
      return 'logged_out';
    case 'On Break':
      return 'break';
    case 'Available':
    case 'Available (On Demand)':
    case undefined:
      break;
    default:
      return undefined;
  }
  switch (agent.ccState) {
    case 'In a queue call':
      return 'on_call';
    case 'Idle':
      return 'wrap';
    case 'Waiting':
    case 'Receiving':
    case undefined:
      return agent.status === undefined && agent.ccState === undefined ? undefined : 'available';
    default:
      return undefined;
  }
}
