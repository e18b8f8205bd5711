import type { CallEvent, Leader } from '@mieruka/contracts';

/** One counted event of an agent: what it adds to the agent's numbers, and when. */
interface Mark extends Leader {
  readonly t: number;
}

/**
 * What an event adds to its agent's leaderboard numbers (docs/kpis.md: an appointment is a
 * wrap with disposition `appointment`, revenue is confirmed minus cancelled amounts, a connect
 * an outbound `call.connected`), or undefined when it adds nothing or names no agent.
 */
export function leaderMark(event: CallEvent, t: number): Mark | undefined {
  if (event.agentId === undefined) return undefined;
  const none = { t, appointments: 0, orders: 0, revenue: 0, connects: 0 };
  switch (event.type) {
    case 'call.wrapped':
      return event.disposition === 'appointment' ? { ...none, appointments: 1 } : undefined;
    case 'order.confirmed':
      return { ...none, orders: 1, revenue: event.amount };
    case 'order.cancelled':
      return { ...none, revenue: -event.amount };
    case 'call.connected':
      return event.direction === 'outbound' ? { ...none, connects: 1 } : undefined;
    default:
      return undefined;
  }
}

/**
 * One scope's per-agent marks for the leaderboard: an agent's numbers in a scope are not its
 * own scope's (an agent can work two campaigns), so each scope keeps its agents' marks. Only
 * the days the floor keeps (pruned at the horizon), so only agents of those days.
 */
export class LeaderTally {
  private readonly byAgent = new Map<string, Mark[]>();

  add(agentId: string, mark: Mark): void {
    const marks = this.byAgent.get(agentId);
    if (marks) marks.push(mark);
    else this.byAgent.set(agentId, [mark]);
  }

  /** Each agent with a mark in [from, to], its numbers summed over them. */
  between(from: number, to: number): Map<string, Leader> {
    const leaders = new Map<string, Leader>();
    for (const [agentId, marks] of this.byAgent) {
      let counted = false;
      const sum = { appointments: 0, orders: 0, revenue: 0, connects: 0 };
      for (const m of marks) {
        if (m.t < from || m.t > to) continue;
        counted = true;
        sum.appointments += m.appointments;
        sum.orders += m.orders;
        sum.revenue += m.revenue;
        sum.connects += m.connects;
      }
      if (counted) leaders.set(agentId, sum);
    }
    return leaders;
  }

  /** Forgets marks before `horizon`; true when nothing is left. */
  prune(horizon: number): boolean {
    for (const [agentId, marks] of this.byAgent) {
      const kept = marks.filter((m) => m.t >= horizon);
      if (kept.length === 0) this.byAgent.delete(agentId);
      else if (kept.length !== marks.length) this.byAgent.set(agentId, kept);
    }
    return this.byAgent.size === 0;
  }
}
