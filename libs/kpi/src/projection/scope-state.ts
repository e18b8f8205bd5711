import type { TenantSettings } from '@mieruka/contracts';
import { AgentTimeline, type StateEvent } from './agent-timeline';
import { OpenCalls, type CallProgress, type CallRegistry } from './call-progress';
import {
  addFact,
  addSums,
  bucketSums,
  emptySums,
  isCallEnd,
  isCallOffer,
  type Fact,
  type Sums,
} from './sums';

const MINUTE = 60_000;
const MINUTES_PER_HOUR = 60;
/** Calls offered longer ago than this are presumed lost, not waiting (docs/kpis.md). */
export const LOST_AFTER_MS = 4 * 3_600_000;

interface MinuteBucket {
  readonly sums: Sums;
  readonly facts: Fact[];
  /**
   * The sums of the minute's hour and local day (one each: the UTC offset is constant within
   * a minute), held here so that a fact costs one bucket lookup, not three.
   */
  readonly hour: Sums;
  readonly day: Sums;
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
  /** Offered calls with no end event yet: the live queue comes from here. */
  private readonly unended = new OpenCalls();
  /** Answer and abandon facts by minute, to find calls that ended only after a past `at`. */
  private latestMinute = Number.NEGATIVE_INFINITY;
  /** Minutes before this were pruned: their facts live on only in the day sums. */
  private horizonMinute = Number.NEGATIVE_INFINITY;
  /** The bucket the last fact went to, and its minute: events mostly arrive in order. */
  private lastBucket: MinuteBucket | undefined;
  private lastMinute = Number.NaN;

  /**
   * @param calls the projection's calls, shared by all its scopes (see call-progress).
   */
  constructor(
    private readonly serviceLevel: TenantSettings['serviceLevel'],
    private readonly calls: CallRegistry,
  ) {}

  /** Files a fact; `call` is its call's number when the live queue tracks it, else -1. */
  addFact(fact: Fact, localDay: number, call: number): void {
    const minute = Math.floor(fact.t / MINUTE);
    if (minute < this.horizonMinute) {
      // Too old for any window (see prune): only the KGIs' day sums still want it.
      addFact(this.dayOf(localDay), fact, this.serviceLevel);
      return;
    }
    const bucket =
      minute === this.lastMinute && this.lastBucket
        ? this.lastBucket
        : this.bucketOf(minute, localDay);
    bucket.facts.push(fact);
    addFact(bucket.sums, fact, this.serviceLevel);
    addFact(bucket.hour, fact, this.serviceLevel);
    addFact(bucket.day, fact, this.serviceLevel);
    if (minute > this.latestMinute) this.latestMinute = minute;
    if (call >= 0) this.calls.track(call, this.unended, isCallOffer(fact), fact);
  }

  private bucketOf(minute: number, localDay: number): MinuteBucket {
    let bucket = this.minutes.get(minute);
    if (!bucket) {
      const hourKey = Math.floor(minute / MINUTES_PER_HOUR);
      let hour = this.hours.get(hourKey);
      if (!hour) {
        hour = bucketSums();
        this.hours.set(hourKey, hour);
      }
      bucket = { sums: bucketSums(), facts: [], hour, day: this.dayOf(localDay) };
      this.minutes.set(minute, bucket);
    }
    this.lastBucket = bucket;
    this.lastMinute = minute;
    return bucket;
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
    this.lastBucket = undefined;
    this.lastMinute = Number.NaN;
    for (const [minute, bucket] of this.minutes) {
      if (minute >= horizonMinute) continue;
      for (const fact of bucket.facts) this.forgetCall(fact);
      this.minutes.delete(minute);
    }
    const horizonHour = Math.floor(horizonMinute / MINUTES_PER_HOUR);
    for (const hour of this.hours.keys()) if (hour < horizonHour) this.hours.delete(hour);
    this.agents.prune(horizon);
  }

  /**
   * Drops a call's progress here once nothing of it is left after the horizon (the projection
   * then compacts the registry).
   */
  private forgetCall(fact: Fact): void {
    const call = this.calls.find(fact.callId);
    if (call >= 0) this.calls.forgetBefore(call, this.unended, this.horizonMinute * MINUTE);
  }

  private dayOf(localDay: number): Sums {
    let day = this.days.get(localDay);
    if (!day) {
      day = bucketSums();
      this.days.set(localDay, day);
    }
    return day;
  }

  addState(agentId: string, event: StateEvent): void {
    this.agents.add(agentId, event);
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
    const counted = new Set<CallProgress>();
    const consider = (call: CallProgress | undefined) => {
      if (!call || counted.has(call)) return;
      counted.add(call);
      if (!call.offer) return;
      const offeredAt = call.offer.t;
      if (offeredAt > at || offeredAt <= at - LOST_AFTER_MS) return;
      if (call.end && call.end.t <= at) return;
      waiting.push(offeredAt);
    };
    for (const call of this.unended.calls) consider(call);
    // Calls that ended after `at` were still waiting then; only facts later than `at` can
    // end them, and for a live `at` those are at most a few minutes' worth.
    for (let minute = Math.floor(at / MINUTE); minute <= this.latestMinute; minute++) {
      for (const fact of this.minutes.get(minute)?.facts ?? []) {
        if (fact.t <= at || !isCallEnd(fact)) continue;
        const call = this.calls.find(fact.callId);
        if (call >= 0) consider(this.calls.progressIn(call, this.unended));
      }
    }
    return waiting;
  }
}
