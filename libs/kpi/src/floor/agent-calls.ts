import { insertionIndex, lastAtOrBefore, type Timed } from './ordered';

export interface Connection extends Timed {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly queue: string | undefined;
  readonly campaign: string | undefined;
}

/**
 * One agent's connected calls (in time order, whatever order they arrive in) and when each
 * was wrapped: the current call of an agent on a call or in wrap-up.
 */
export class AgentCalls {
  private connections: Connection[] = [];
  /** callId → the times of its `call.wrapped` by this agent (a PBX may reuse a call id). */
  private readonly wrapped = new Map<string, number[]>();

  connect(connection: Connection): void {
    this.connections.splice(insertionIndex(this.connections, connection), 0, connection);
  }

  wrap(callId: string, t: number): void {
    const times = this.wrapped.get(callId);
    if (times) times.push(t);
    else this.wrapped.set(callId, [t]);
  }

  /**
   * The call being handled at `at`: the latest connected at or before `at`, unless it was
   * wrapped between its connect and `at`, or connected before the agent was last idle
   * (`idleAt`) — an older call whose wrap never arrived is not shown as current.
   */
  currentAt(at: number, idleAt: number): Connection | undefined {
    const latest = this.connections[lastAtOrBefore(this.connections, at)];
    if (!latest || latest.t < idleAt) return undefined;
    const ended = this.wrapped.get(latest.callId)?.some((t) => t >= latest.t && t <= at);
    return ended ? undefined : latest;
  }

  /** Connections kept. */
  get size(): number {
    return this.connections.length;
  }

  /**
   * Forgets calls connected before `horizon` but the last one (it may still be the current
   * call just after the horizon), and wraps before it of calls no longer kept (only a wrap
   * after a call's connect ends it); true when nothing is left.
   */
  prune(horizon: number): boolean {
    const carry = lastAtOrBefore(this.connections, horizon - 1);
    if (carry > 0) this.connections = this.connections.slice(carry);
    const kept = new Set(this.connections.map((c) => c.callId));
    for (const [callId, times] of this.wrapped) {
      if (kept.has(callId)) continue;
      const recent = times.filter((t) => t >= horizon);
      if (recent.length === 0) this.wrapped.delete(callId);
      else this.wrapped.set(callId, recent);
    }
    return this.connections.length === 0 && this.wrapped.size === 0;
  }
}
