import type { AgentState } from '@mieruka/contracts';
import { insertionIndex, lastAtOrBefore, lastNotAfter, type Timed } from './ordered';

export interface StateEntry extends Timed {
  readonly state: AgentState;
  readonly team: string | undefined;
  /** Why, as the source said (a not-ready or break reason: 離席理由), if it did. */
  readonly reason?: string | undefined;
}

/** An agent's state at an instant, as the floor shows it. */
export interface CurrentState {
  readonly state: AgentState;
  /** The team its latest state event named, if any. */
  readonly team: string | undefined;
  /** When the run of this state began: a repeated report of the same state does not restart it. */
  readonly since: number;
  /** The latest reason given in this run (a report without one keeps the earlier one). */
  readonly reason: string | undefined;
  /**
   * On a call or in wrap-up: when the agent was last in another state before this busy
   * stretch (-Infinity if never known). A call connected before that is not the current one.
   */
  readonly idleAt: number;
}

const isBusy = (state: AgentState): boolean => state === 'on_call' || state === 'wrap';
/** A busy stretch alternating on_call and wrap longer than this is cut here (never in practice). */
const MAX_BUSY_RUNS = 8;

/**
 * One agent's `agent.state` events in one scope, in (occurredAt, id) order whatever order they
 * arrive in, with the entries that start a run of equal states kept aside: the state at any
 * instant and when it began are two binary searches. A late event changes at most two run
 * starts (its own and its successor's), so folding stays O(log n).
 */
export class AgentRuns {
  private entries: StateEntry[] = [];
  /** The entries whose state differs from the entry before them. */
  private starts: StateEntry[] = [];

  add(entry: StateEntry): void {
    const at = insertionIndex(this.entries, entry);
    const previous = this.entries[at - 1];
    const next = this.entries[at];
    this.entries.splice(at, 0, entry);
    if (!previous || previous.state !== entry.state) this.addStart(entry);
    if (next) {
      const wasStart = !previous || previous.state !== next.state;
      const isStart = next.state !== entry.state;
      if (wasStart && !isStart) this.removeStart(next);
      else if (!wasStart && isStart) this.addStart(next);
    }
  }

  /** The latest state at or before `at`, or undefined before the first known one. */
  at(at: number): CurrentState | undefined {
    const latest = this.entries[lastAtOrBefore(this.entries, at)];
    if (!latest) return undefined;
    const start = this.runStartOf(latest);
    return {
      state: latest.state,
      team: latest.team,
      since: start.t,
      reason: this.reasonEntry(start, latest)?.reason,
      idleAt: isBusy(latest.state) ? this.idleBefore(start) : Number.NEGATIVE_INFINITY,
    };
  }

  /**
   * Forgets entries before `horizon` except the last one there (its state carries past the
   * horizon, as a logged-out agent's does: a late event before it must not bring the agent
   * back), the start of its run (when that state began) and the run's latest reason, and for
   * a busy agent its busy stretch back to when it was last idle (what `idleBefore` reads:
   * else a call from before that idle moment would show as current again). Views at or after
   * the horizon are unchanged, and a late event of any time still lands where it belongs.
   */
  prune(horizon: number): void {
    const carry = lastAtOrBefore(this.entries, horizon - 1);
    if (carry < 0) return;
    const carried = this.entries[carry]!;
    const start = this.runStartOf(carried);
    const reason = this.reasonEntry(start, carried);
    const cut = isBusy(carried.state) ? Math.min(carry, this.idleFrom(start)) : carry;
    const kept = this.entries.slice(cut);
    // Both lie in the carried entry's run, at or before it: kept in order, once each.
    const before = [start, reason].filter(
      (e, i, all): e is StateEntry =>
        e !== undefined && lastNotAfter(this.entries, e) < cut && all.indexOf(e) === i,
    );
    this.entries = [...before, ...kept];
    this.starts = this.entries.filter((e, i) => i === 0 || this.entries[i - 1]!.state !== e.state);
  }

  get size(): number {
    return this.entries.length;
  }

  private runStartOf(entry: StateEntry): StateEntry {
    // Every entry lies in a run and the first entry starts one: this always finds it.
    return this.starts[lastNotAfter(this.starts, entry)]!;
  }

  /** The time of the last non-busy entry before the busy run that starts at `start`. */
  private idleBefore(start: StateEntry): number {
    let run = start;
    for (let hops = 0; hops < MAX_BUSY_RUNS; hops++) {
      const previous = this.entries[lastNotAfter(this.entries, run) - 1];
      if (!previous) return Number.NEGATIVE_INFINITY;
      if (!isBusy(previous.state)) return previous.t;
      run = this.runStartOf(previous);
    }
    return run.t;
  }

  /** The index of the entry `idleBefore(start)` reads its time from (0 when it reads none). */
  private idleFrom(start: StateEntry): number {
    let run = start;
    for (let hops = 0; hops < MAX_BUSY_RUNS; hops++) {
      const index = lastNotAfter(this.entries, run);
      const previous = this.entries[index - 1];
      if (!previous) return index;
      if (!isBusy(previous.state)) return index - 1;
      run = this.runStartOf(previous);
    }
    return lastNotAfter(this.entries, run);
  }

  /** The latest entry from `start` to `latest` (one run) that gave a reason. */
  private reasonEntry(start: StateEntry, latest: StateEntry): StateEntry | undefined {
    for (let i = lastNotAfter(this.entries, latest); i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.reason !== undefined) return entry;
      if (entry === start) break;
    }
    return undefined;
  }

  private addStart(entry: StateEntry): void {
    this.starts.splice(insertionIndex(this.starts, entry), 0, entry);
  }

  private removeStart(entry: StateEntry): void {
    const at = lastNotAfter(this.starts, entry);
    if (this.starts[at] === entry) this.starts.splice(at, 1);
  }
}
