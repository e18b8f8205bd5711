import type { AgentState, TenantSettings } from '@mieruka/contracts';
import { AgentTimeline } from './agent-timeline';
import { addFact, addSums, emptySums, type Fact, type Sums } from './sums';

const MINUTE = 60_000;
const MINUTES_PER_HOUR = 60;
/** Calls offered longer ago than this are presumed lost, not waiting (docs/kpis.md). */
export const LOST_AFTER_MS = 4 * 3_600_000;

interface MinuteBucket {
  readonly sums: Sums;
  readonly facts: Fact[];
}

interface CallProgress {
  offeredAt?: number;
  endedAt?: number;
}

/**
 * Everything one scope (the tenant, a queue, a campaign, a team or an agent) needs for its
 * snapshot, kept incrementally: per-minute sums with their facts (windows), per-local-day
 * sums (KGIs over months), agent-state timelines, and the calls not yet answered.
 */
export class ScopeState {
  private readonly minutes = new Map<number, MinuteBucket>();
  /** Sums per UTC hour: a window a day long adds 24 of these, not 1,440 minutes. */
  private readonly hours = new Map<number, Sums>();
  private readonly days = new Map<number, Sums>();
  readonly agents = new AgentTimeline();
  private readonly calls = new Map<string, CallProgress>();
  /** Offered calls with no end event yet: the live queue comes from here. */
  private readonly unended = new Set<string>();
  /** Answer and abandon facts by minute, to find calls that ended only after a past `at`. */
  private latestMinute = Number.NEGATIVE_INFINITY;
  /** Minutes before this were pruned: their facts live on only in the day sums. */
  private horizonMinute = Number.NEGATIVE_INFINITY;

  constructor(private readonly serviceLevel: TenantSettings['serviceLevel']) {}

  addFact(fact: Fact, localDay: number): void {
    const minute = Math.floor(fact.t / MINUTE);
    if (minute < this.horizonMinute) {
      // Too old for any window (see prune): only the KGIs' day sums still want it.
      addFact(this.dayOf(localDay), fact, this.serviceLevel);
      return;
    }
    let bucket = this.minutes.get(minute);
    if (!bucket) {
      bucket = { sums: emptySums(), facts: [] };
      this.minutes.set(minute, bucket);
    }
    bucket.facts.push(fact);
    addFact(bucket.sums, fact, this.serviceLevel);
    const hourKey = Math.floor(minute / MINUTES_PER_HOUR);
    let hour = this.hours.get(hourKey);
    if (!hour) {
      hour = emptySums();
      this.hours.set(hourKey, hour);
    }
    addFact(hour, fact, this.serviceLevel);
    addFact(this.dayOf(localDay), fact, this.serviceLevel);
    this.latestMinute = Math.max(this.latestMinute, minute);
    this.trackCall(fact);
  }

  /** Adds sums of a whole past local day that were computed elsewhere (see seedDay). */
  addDaySums(localDay: number, sums: Sums): void {
    addSums(this.dayOf(localDay), sums);
  }

  /**
   * Forgets what no window can reach any more — the facts, minute and hour sums, call
   * progress and agent-state changes before `horizon` — so a projection that runs for weeks does not grow with every
   * event it ever saw. Day sums stay (the KGIs read months of them). Snapshots at or after
   * `horizon` + 4 hours, of windows starting at or after `horizon`, are unchanged.
   */
  prune(horizon: number): void {
    const horizonMinute = Math.floor(horizon / MINUTE);
    if (horizonMinute <= this.horizonMinute) return;
    this.horizonMinute = horizonMinute;
    for (const [minute, bucket] of this.minutes) {
      if (minute >= horizonMinute) continue;
      for (const fact of bucket.facts) this.forgetCall(fact.callId);
      this.minutes.delete(minute);
    }
    const horizonHour = Math.floor(horizonMinute / MINUTES_PER_HOUR);
    for (const hour of this.hours.keys()) if (hour < horizonHour) this.hours.delete(hour);
    this.agents.prune(horizon);
  }

  /** Drops a call's progress once nothing of it is left after the horizon. */
  private forgetCall(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const last = Math.max(call.offeredAt ?? -Infinity, call.endedAt ?? -Infinity);
    if (last < this.horizonMinute * MINUTE) {
      this.calls.delete(callId);
      this.unended.delete(callId);
    }
  }

  private dayOf(localDay: number): Sums {
    let day = this.days.get(localDay);
    if (!day) {
      day = emptySums();
      this.days.set(localDay, day);
    }
    return day;
  }

  addState(agentId: string, t: number, id: string, state: AgentState): void {
    this.agents.add(agentId, { t, id, state });
  }

  /** Sums of the facts with after < t ≤ until. */
  sumsIn(after: number, until: number): Sums {
    const sums = emptySums();
    const first = Math.floor((after + 1) / MINUTE);
    const last = Math.floor(until / MINUTE);
    for (let minute = first; minute <= last; minute++) {
      // A whole hour strictly between the edge minutes: its sums at once.
      if (minute !== first && minute % MINUTES_PER_HOUR === 0 && minute + 59 < last) {
        const hour = this.hours.get(minute / MINUTES_PER_HOUR);
        if (hour) addSums(sums, hour);
        minute += MINUTES_PER_HOUR - 1;
        continue;
      }
      const bucket = this.minutes.get(minute);
      if (!bucket) continue;
      if (minute === first || minute === last) {
        for (const fact of bucket.facts) {
          if (fact.t > after && fact.t <= until) addFact(sums, fact, this.serviceLevel);
        }
      } else {
        addSums(sums, bucket.sums);
      }
    }
    return sums;
  }

  /** Sums of whole local days in [fromDay, toDay) (local day numbers). */
  sumsOfDays(fromDay: number, toDay: number): Sums {
    const sums = emptySums();
    for (const [day, daySums] of this.days) {
      if (day >= fromDay && day < toDay) addSums(sums, daySums);
    }
    return sums;
  }

  /** Offered times of the inbound calls waiting at `at` (offered, not answered or abandoned). */
  waitingAt(at: number): number[] {
    const waiting: number[] = [];
    const counted = new Set<string>();
    const consider = (callId: string) => {
      if (counted.has(callId)) return;
      counted.add(callId);
      const call = this.calls.get(callId);
      const offeredAt = call?.offeredAt;
      if (offeredAt === undefined || offeredAt > at || offeredAt <= at - LOST_AFTER_MS) return;
      if (call?.endedAt !== undefined && call.endedAt <= at) return;
      waiting.push(offeredAt);
    };
    for (const callId of this.unended) consider(callId);
    // Calls that ended after `at` were still waiting then; only facts later than `at` can
    // end them, and for a live `at` those are at most a few minutes' worth.
    for (let minute = Math.floor(at / MINUTE); minute <= this.latestMinute; minute++) {
      for (const fact of this.minutes.get(minute)?.facts ?? []) {
        if (fact.t > at && isCallEnd(fact)) consider(fact.callId);
      }
    }
    return waiting;
  }

  private trackCall(fact: Fact): void {
    if (fact.type !== 'call.offered' && !isCallEnd(fact)) return;
    let call = this.calls.get(fact.callId);
    if (!call) {
      call = {};
      this.calls.set(fact.callId, call);
    }
    if (fact.type === 'call.offered') {
      call.offeredAt = Math.min(call.offeredAt ?? fact.t, fact.t);
    } else {
      call.endedAt = Math.min(call.endedAt ?? fact.t, fact.t);
    }
    if (call.offeredAt !== undefined && call.endedAt === undefined) this.unended.add(fact.callId);
    else this.unended.delete(fact.callId);
  }
}

function isCallEnd(fact: Fact): boolean {
  return fact.type === 'call.abandoned' || fact.type === 'call.connected';
}
