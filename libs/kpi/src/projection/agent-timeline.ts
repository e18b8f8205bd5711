import { LIVE_AGENT_STATES, type AgentState, type LiveAgentState } from '@mieruka/contracts';

const MINUTE = 60_000;
const STATE_INDEX = new Map<AgentState, number>(LIVE_AGENT_STATES.map((s, i) => [s, i]));

/** One `agent.state` event, shared by the timelines of every scope it counts in. */
export interface StateEvent {
  readonly t: number;
  readonly id: string;
  readonly state: AgentState;
  /** The state's index in LIVE_AGENT_STATES; -1 for logged_out, which counts nowhere. */
  readonly index: number;
}

export function stateEventOf(t: number, id: string, state: AgentState): StateEvent {
  return { t, id, state, index: STATE_INDEX.get(state) ?? -1 };
}

const STATES = LIVE_AGENT_STATES.length;

interface MinuteBucket {
  /**
   * Per live state i: at i the sum of deltas, at STATES + i the sum of delta × (t − bucket
   * start). Plain numbers in one array for both: a busy day makes about a hundred thousand of
   * these buckets, and a typed array costs several times more to create.
   */
  readonly totals: number[];
  /**
   * Each change — a +1 (an agent enters a state) or -1 (leaves it) at an instant — for the
   * partial minutes at a window's edges, as flat triples (t, state index, ±1) in one array of
   * numbers: a busy day makes close to a million changes, and an object each was as many
   * allocations for the garbage collector to move and mark.
   */
  readonly changes: number[];
}

/** Milliseconds per live state, in LIVE_AGENT_STATES order. */
export type StateTime = Record<LiveAgentState, number>;

/**
 * Agent-state time without walking the day's state events. N_s(t), the number of agents in
 * state s, is a step function; its integral over (a, b] is
 *   N_s(a)·(b − a) + Σ over changes c in (a, b] of δ_c·(b − t_c).
 * N_s(a) comes from each agent's latest state at or before a (a binary search per agent); the
 * sum comes from per-minute totals of δ and δ·(t − minute start) — integers that stay exact —
 * plus the changes of the two partial minutes at the edges. A late event only swaps a few
 * changes around its neighbours, so folding stays O(log n).
 */
export class AgentTimeline {
  private readonly agents = new Map<string, StateEvent[]>();
  private readonly minutes = new Map<number, MinuteBucket>();
  /** Minutes before this were pruned; changes there are no longer kept. */
  private horizonMinute = Number.NEGATIVE_INFINITY;
  /** The bucket of the last change, and its minute: an event's changes mostly share one. */
  private lastBucket: MinuteBucket | undefined;
  private lastMinute = Number.NaN;

  add(agentId: string, event: StateEvent): void {
    let list = this.agents.get(agentId);
    if (!list) {
      list = [];
      this.agents.set(agentId, list);
    }
    const at = insertionPoint(list, event);
    const previous = list[at - 1];
    const next = list[at];
    if (next) list.splice(at, 0, event);
    else list.push(event); // the common case: events mostly arrive in order
    if (previous && next) this.change(previous.index, +1, next.t); // previous no longer ends at next
    if (previous) this.change(previous.index, -1, event.t);
    this.change(event.index, +1, event.t);
    if (next) this.change(event.index, -1, next.t);
  }

  /** Each agent's latest state at or before `at` (agents with none are left out). */
  statesAt(at: number): Map<string, AgentState> {
    const states = new Map<string, AgentState>();
    for (const [agentId, list] of this.agents) {
      const state = latestAt(list, at);
      if (state) states.set(agentId, state);
    }
    return states;
  }

  /** Milliseconds spent in each live state by all agents within (after, until]. */
  timeIn(after: number, until: number): StateTime {
    const span = until - after;
    const totals = new Float64Array(LIVE_AGENT_STATES.length);
    for (const state of this.statesAt(after).values()) {
      const i = STATE_INDEX.get(state);
      if (i !== undefined) totals[i]! += span;
    }
    const first = Math.floor((after + 1) / MINUTE);
    const last = Math.floor(until / MINUTE);
    for (let minute = first; minute <= last; minute++) {
      const bucket = this.minutes.get(minute);
      if (!bucket) continue;
      if (minute === first || minute === last) {
        const { changes } = bucket;
        for (let i = 0; i < changes.length; i += 3) {
          const t = changes[i]!;
          if (t > after && t <= until) totals[changes[i + 1]!]! += changes[i + 2]! * (until - t);
        }
        continue;
      }
      // Σ δ·(until − t) = Σ δ·(until − start) − Σ δ·(t − start), start = the minute's start.
      const start = minute * MINUTE;
      for (let i = 0; i < totals.length; i++) {
        totals[i]! += bucket.totals[i]! * (until - start) - bucket.totals[STATES + i]!;
      }
    }
    return Object.fromEntries(LIVE_AGENT_STATES.map((s, i) => [s, totals[i]!])) as StateTime;
  }

  /**
   * Forgets the changes before `horizon` and each agent's states before its latest one there
   * (which carries into every window after the horizon), so the timeline stops growing with
   * every state event ever seen. Time in windows starting at or after `horizon` is unchanged:
   * a late state before the horizon only moves changes before it, or at the agent's next kept
   * state, which is still here to be corrected.
   */
  prune(horizon: number): void {
    const horizonMinute = Math.floor(horizon / MINUTE);
    if (horizonMinute <= this.horizonMinute) return;
    this.horizonMinute = horizonMinute;
    this.lastBucket = undefined;
    this.lastMinute = Number.NaN;
    const horizonTime = horizonMinute * MINUTE;
    for (const minute of this.minutes.keys()) {
      if (minute < horizonMinute) this.minutes.delete(minute);
    }
    for (const list of this.agents.values()) {
      let lastBefore = -1;
      while (lastBefore + 1 < list.length && list[lastBefore + 1]!.t < horizonTime) lastBefore++;
      if (lastBefore > 0) list.splice(0, lastBefore);
    }
  }

  private change(index: number, delta: number, t: number): void {
    if (index < 0) return; // logged_out counts nowhere
    const minute = Math.floor(t / MINUTE);
    if (minute < this.horizonMinute) return; // no window reaches it any more
    const bucket =
      minute === this.lastMinute && this.lastBucket ? this.lastBucket : this.bucketOf(minute);
    bucket.totals[index]! += delta;
    bucket.totals[STATES + index]! += delta * (t - minute * MINUTE);
    bucket.changes.push(t, index, delta);
  }

  private bucketOf(minute: number): MinuteBucket {
    let bucket = this.minutes.get(minute);
    if (!bucket) {
      bucket = { totals: zeros(2 * STATES), changes: [] };
      this.minutes.set(minute, bucket);
    }
    this.lastBucket = bucket;
    this.lastMinute = minute;
    return bucket;
  }
}

function zeros(length: number): number[] {
  const array: number[] = [];
  for (let i = 0; i < length; i++) array.push(0);
  return array;
}

/** Ordered by occurredAt, ties by id (docs/kpis.md). */
function before(a: StateEvent, b: StateEvent): boolean {
  return a.t < b.t || (a.t === b.t && a.id < b.id);
}

function insertionPoint(list: readonly StateEvent[], event: StateEvent): number {
  let lo = 0;
  let hi = list.length;
  // Appending is the common case: events mostly arrive in order.
  const last = list[hi - 1];
  if (!last || before(last, event)) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!, event)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function latestAt(list: readonly StateEvent[], at: number): AgentState | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.t <= at) lo = mid + 1;
    else hi = mid;
  }
  return list[lo - 1]?.state;
}
