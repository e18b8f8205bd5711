import {
  CALLER_ATTR,
  epochOf,
  FLOOR_ABANDONED_LIMIT,
  FLOOR_AGENT_LIMIT,
  MISSED_RING_ATTR,
  type AbandonedCall,
  type CallEvent,
  type Floor,
  type FloorAgent,
  type Leader,
  type Scope,
  type TenantSettings,
} from '@mieruka/contracts';
import { formatLocalIso } from '../format';
import { startOfLocalDay } from '../zoned-time';
import { AgentCalls } from './agent-calls';
import { AgentRuns } from './agent-runs';
import { CallerContacts, callerKey } from './caller-contacts';
import { LeaderTally, leaderMark } from './leader-tally';
import { maskCaller } from './mask-caller';
import { MissedRings } from './missed-rings';
import { RecentAbandoned, type AbandonedEntry } from './recent-abandoned';

/** What one scope's floor keeps. */
interface ScopeFloor {
  /** agentId → its state events in this scope. */
  readonly agents: Map<string, AgentRuns>;
  readonly abandoned: RecentAbandoned;
  /** Each agent's appointments, orders, revenue and connects in this scope, for the leaderboard. */
  readonly leaders: LeaderTally;
}

/**
 * The floor detail of one tenant (docs/wallboard.md): per scope, each agent's states, the
 * latest abandoned calls and each agent's leaderboard numbers; per agent, its calls. Separate from the KPI projection, whose
 * snapshot is pinned by docs/kpis.md, but fed the same events: fold with `foldFloor` exactly
 * the events `evolve` counted (it answers false for a repeated id), read with `floorView`.
 */
export interface FloorState {
  readonly tenant: string;
  readonly timeZone: string;
  readonly abandonedLimit: number;
  readonly agentLimit: number;
  /** By scope: `tenant`, `queue:support`, `team:blue`, … as the events name them. */
  readonly scopes: Map<string, ScopeFloor>;
  /** agentId → its connected and wrapped calls, whatever their scope. */
  readonly calls: Map<string, AgentCalls>;
  /** Each agent's rings it did not answer, whatever their scope. */
  readonly missedRings: MissedRings;
  /** When each caller number rang in (offered, or offered then abandoned), whatever the scope. */
  readonly rings: CallerContacts;
  /** When each number was dialled out to: a call back, whatever the scope. */
  readonly callBacks: CallerContacts;
  /** callId of an abandoned call → when a person first marked it called back (callback.marked). */
  readonly callBackMarks: Map<string, number>;
}

export interface FloorOptions {
  /** Abandoned calls kept per scope (the newest). */
  readonly abandonedLimit?: number;
  /** Agents listed per scope at most. */
  readonly agentLimit?: number;
}

export function createFloor(settings: TenantSettings, options: FloorOptions = {}): FloorState {
  return {
    tenant: settings.tenant.id,
    timeZone: settings.tenant.timezone,
    abandonedLimit: options.abandonedLimit ?? FLOOR_ABANDONED_LIMIT,
    agentLimit: options.agentLimit ?? FLOOR_AGENT_LIMIT,
    scopes: new Map(),
    calls: new Map(),
    missedRings: new MissedRings(),
    rings: new CallerContacts(),
    callBacks: new CallerContacts(),
    callBackMarks: new Map(),
  };
}

/** The scopes an event counts in, as the projection's `evolve` files it. */
function scopesOf(event: CallEvent): string[] {
  const scopes = ['tenant'];
  if (event.queue !== undefined) scopes.push(`queue:${event.queue}`);
  if (event.campaign !== undefined) scopes.push(`campaign:${event.campaign}`);
  if (event.team !== undefined) scopes.push(`team:${event.team}`);
  if (event.agentId !== undefined) scopes.push(`agent:${event.agentId}`);
  return scopes;
}

function scopeFloor(floor: FloorState, scope: string): ScopeFloor {
  let found = floor.scopes.get(scope);
  if (!found) {
    found = {
      agents: new Map(),
      abandoned: new RecentAbandoned(floor.abandonedLimit),
      leaders: new LeaderTally(),
    };
    floor.scopes.set(scope, found);
  }
  return found;
}

function callsOf(floor: FloorState, agentId: string): AgentCalls {
  let calls = floor.calls.get(agentId);
  if (!calls) {
    calls = new AgentCalls();
    floor.calls.set(agentId, calls);
  }
  return calls;
}

/**
 * Folds one event in, in whatever order events arrive. Give it each event once — those
 * `evolve` answered true for — so a repeated id is not folded twice. Events of other tenants
 * are not this floor's.
 */
export function foldFloor(floor: FloorState, event: CallEvent): void {
  if (event.tenant !== floor.tenant) return;
  const t = epochOf(event.occurredAt);
  const mark = leaderMark(event, t);
  if (mark && event.agentId !== undefined) {
    for (const scope of scopesOf(event)) scopeFloor(floor, scope).leaders.add(event.agentId, mark);
  }
  switch (event.type) {
    case 'agent.state': {
      const entry = { t, id: event.id, state: event.state, team: event.team, reason: event.reason };
      for (const scope of scopesOf(event)) {
        const { agents } = scopeFloor(floor, scope);
        let runs = agents.get(event.agentId);
        if (!runs) {
          runs = new AgentRuns();
          agents.set(event.agentId, runs);
        }
        runs.add(entry);
      }
      // The state it carries is the one the agent stayed in; the ring itself is only here.
      if (event.attrs?.[MISSED_RING_ATTR] !== undefined) floor.missedRings.add(event.agentId, t);
      return;
    }
    case 'call.connected':
      callsOf(floor, event.agentId).connect({
        t,
        id: event.id,
        callId: event.callId,
        direction: event.direction,
        queue: event.queue,
        campaign: event.campaign,
      });
      return;
    case 'call.wrapped':
      callsOf(floor, event.agentId).wrap(event.callId, t);
      return;
    case 'call.offered': {
      const key = callerKey(event.attrs?.[CALLER_ATTR]);
      if (key !== undefined) floor.rings.add(key, t);
      return;
    }
    case 'call.dialed': {
      // On a dial, the key holds the number dialled: the customer's, as on their own calls.
      const key = callerKey(event.attrs?.[CALLER_ATTR]);
      if (key !== undefined) floor.callBacks.add(key, t);
      return;
    }
    case 'callback.marked': {
      // The first mark is when it was called back; a later one (another id) changes nothing.
      const marked = floor.callBackMarks.get(event.callId);
      if (marked === undefined || t < marked) floor.callBackMarks.set(event.callId, t);
      return;
    }
    case 'call.abandoned': {
      const key = callerKey(event.attrs?.[CALLER_ATTR]);
      // Sources that give the number only on the abandon still tell when it rang: wait before it.
      if (key !== undefined) floor.rings.add(key, t - event.waitMs);
      // Masked here, once: only the masked number and the digits to match on are kept, and
      // views list fields one by one, so no view can leak the number.
      const entry = {
        t,
        id: event.id,
        callId: event.callId,
        queue: event.queue,
        waitMs: event.waitMs,
        reason: event.reason ?? 'caller_hangup',
        caller: maskCaller(event.attrs?.[CALLER_ATTR]),
        callerKey: key,
      };
      for (const scope of scopesOf(event)) scopeFloor(floor, scope).abandoned.add(entry);
      return;
    }
    default:
      return;
  }
}

/**
 * One scope's floor at `at`: the agents whose latest state at or before `at` is not
 * `logged_out` (by agent id, at most `agentLimit`), each with the call it handles while on a
 * call or in wrap-up, the abandoned calls of `at`'s local day up to `at`, newest first, and
 * each agent's leaderboard numbers over that day up to `at` (the window `today` of the scope).
 */
export function floorView(floor: FloorState, at: number, scope: Scope = 'tenant'): Floor {
  const state = floor.scopes.get(scope);
  const local = (t: number) => formatLocalIso(t, floor.timeZone);
  const agents: Record<string, FloorAgent> = {};
  let listed = 0;
  let agentsOmitted = 0;
  const ids = state ? [...state.agents.keys()].sort() : [];
  const dayStart = startOfLocalDay(at, floor.timeZone);
  for (const agentId of ids) {
    const current = state?.agents.get(agentId)?.at(at);
    if (!current || current.state === 'logged_out') continue;
    if (listed >= floor.agentLimit) {
      agentsOmitted++;
      continue;
    }
    listed++;
    const agent: { -readonly [K in keyof FloorAgent]: FloorAgent[K] } = {
      state: current.state,
      since: local(current.since),
    };
    if (current.team !== undefined) agent.team = current.team;
    // Why an agent cannot take calls is what a supervisor asks; other states' reasons are noise.
    if (
      current.reason !== undefined &&
      (current.state === 'not_ready' || current.state === 'break')
    )
      agent.reason = current.reason;
    if (current.state === 'on_call' || current.state === 'wrap') {
      const call = floor.calls.get(agentId)?.currentAt(at, current.idleAt);
      if (call) {
        agent.call = {
          callId: call.callId,
          direction: call.direction,
          ...(call.queue !== undefined ? { queue: call.queue } : {}),
          ...(call.campaign !== undefined ? { campaign: call.campaign } : {}),
          since: local(call.t),
        };
      }
    }
    const missedRings = floor.missedRings.count(agentId, dayStart, at);
    if (missedRings > 0) agent.missedRings = missedRings;
    // defineProperty: an agent id such as `__proto__` must stay a plain key.
    Object.defineProperty(agents, agentId, { value: agent, enumerable: true, writable: true });
  }
  const abandoned: AbandonedCall[] = (state?.abandoned.between(dayStart, at) ?? []).map((e) => ({
    callId: e.callId,
    at: local(e.t),
    queue: e.queue,
    waitMs: e.waitMs,
    reason: e.reason,
    ...(e.caller !== undefined ? { caller: e.caller } : {}),
    ...laterContacts(floor, e, at),
  }));
  const leaders = state?.leaders.between(dayStart, at);
  if (!leaders || leaders.size === 0) return { agents, agentsOmitted, abandoned };
  const byAgent: Record<string, Leader> = {};
  for (const [agentId, leader] of leaders) {
    Object.defineProperty(byAgent, agentId, { value: leader, enumerable: true, writable: true });
  }
  return { agents, agentsOmitted, abandoned, leaders: byAgent };
}

/**
 * When the caller of an abandoned call rang again, and when they were called back: the first
 * of each after the abandon and up to `at` (so the same day as the listed call), matched on
 * the number's digits here, on the server. A call back is a dial to the number or a person's
 * mark on the call (callback.marked, by its callId: a call without a number can be marked).
 */
function laterContacts(
  floor: FloorState,
  entry: AbandonedEntry,
  at: number,
): { rangAgainAt?: string; calledBackAt?: string } {
  const key = entry.callerKey;
  const rang = key === undefined ? undefined : floor.rings.firstBetween(key, entry.t, at);
  const dialled = key === undefined ? undefined : floor.callBacks.firstBetween(key, entry.t, at);
  const mark = floor.callBackMarks.get(entry.callId);
  const marked = mark !== undefined && mark <= at ? mark : undefined;
  const called =
    dialled === undefined || (marked !== undefined && marked < dialled) ? marked : dialled;
  return {
    ...(rang !== undefined ? { rangAgainAt: formatLocalIso(rang, floor.timeZone) } : {}),
    ...(called !== undefined ? { calledBackAt: formatLocalIso(called, floor.timeZone) } : {}),
  };
}

/**
 * Forgets what no view at or after `horizon` needs: state events before it but each agent's
 * last one there (and when that state began), calls and abandoned calls before it — so
 * memory stays flat however long the process runs (an agent costs one entry per scope, as in
 * the projection's timelines). Use the projection's horizon (yesterday's local midnight):
 * today's views are unchanged.
 */
export function pruneFloor(floor: FloorState, horizon: number): void {
  for (const [scope, state] of floor.scopes) {
    for (const runs of state.agents.values()) runs.prune(horizon);
    const noAbandoned = state.abandoned.prune(horizon);
    const noLeaders = state.leaders.prune(horizon);
    if (noAbandoned && noLeaders && state.agents.size === 0) floor.scopes.delete(scope);
  }
  for (const [agentId, calls] of floor.calls) if (calls.prune(horizon)) floor.calls.delete(agentId);
  floor.missedRings.prune(horizon);
  floor.rings.prune(horizon);
  floor.callBacks.prune(horizon);
  for (const [callId, t] of floor.callBackMarks)
    if (t < horizon) floor.callBackMarks.delete(callId);
}
