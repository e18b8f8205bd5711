/**
 * When each agent was rung and did not answer (docs/kpis.md, Missed rings), for the agent
 * grid's count of the day. Per agent whatever queue rang it: a supervisor asks "who keeps
 * letting calls ring out", not in which queue.
 */
export class MissedRings {
  /** agentId → the instants of its missed rings, in time order whatever order they arrive in. */
  private readonly byAgent = new Map<string, number[]>();

  add(agentId: string, t: number): void {
    const times = this.byAgent.get(agentId);
    if (!times) {
      this.byAgent.set(agentId, [t]);
      return;
    }
    let i = times.length;
    while (i > 0 && (times[i - 1] ?? 0) > t) i--;
    times.splice(i, 0, t);
  }

  /** The agent's missed rings in [from, to]. */
  count(agentId: string, from: number, to: number): number {
    let n = 0;
    for (const t of this.byAgent.get(agentId) ?? []) {
      if (t > to) break;
      if (t >= from) n++;
    }
    return n;
  }

  /** Forgets rings before `horizon` (no view of a day from it on counts them). */
  prune(horizon: number): void {
    for (const [agentId, times] of this.byAgent) {
      const kept = times.filter((t) => t >= horizon);
      if (kept.length === 0) this.byAgent.delete(agentId);
      else if (kept.length !== times.length) this.byAgent.set(agentId, kept);
    }
  }
}
