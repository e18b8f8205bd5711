import { StringIndex } from './string-index';

/**
 * The live queue's bookkeeping (docs/kpis.md, `inQueue`): per scope, each call's earliest
 * `call.offered` and earliest end (`call.connected` or `call.abandoned`) filed there.
 *
 * An inbound call counts in two to four scopes (the tenant, its queue, and the agent and team
 * that answer it). Keeping a map of calls per scope cost a string lookup per scope and event;
 * instead the projection numbers each call id once (one lookup per event, whatever number of
 * scopes it counts in) and chains the call's progress in each scope it reached from that
 * number. A scope lists its open calls (offered, not ended) in an unordered array where each
 * entry knows its own position, so opening and closing a call is O(1) with no hashing at all.
 */

/** An offer or an end of a call: the fact it was filed with. */
export interface CallMoment {
  readonly t: number;
}

/**
 * One call's progress in one scope. It points at the facts of its earliest offer and end
 * rather than copying their times: a time is a boxed double in an object field, two more
 * allocations for each of the day's million progress entries.
 */
export interface CallProgress {
  readonly scope: OpenCalls;
  /** The earliest offer filed in the scope, if any. */
  offer: CallMoment | undefined;
  /** The earliest end filed in the scope, if any. */
  end: CallMoment | undefined;
  /** Where it sits in its scope's open list; -1 when it is not open. */
  openAt: number;
  /** The same call's progress in its next scope (a chain rarely longer than 4). */
  next: CallProgress | undefined;
}

/** The projection's calls, numbered by call id, shared by all its scopes. */
export class CallRegistry {
  /** Call ids are numbered like event ids and share prefixes as much: see StringIndex. */
  private ids = new StringIndex();
  /** By call number: the first of the call's progress entries, one per scope it reached. */
  private firsts: (CallProgress | undefined)[] = [];

  /** The number of `callId`, numbered now if new (or after it was compacted away). */
  numberOf(callId: string): number {
    const call = this.ids.intern(callId);
    if (!this.ids.interned) this.firsts.push(undefined);
    return call;
  }

  /** The number of `callId`, or -1 when it has none. */
  find(callId: string): number {
    return this.ids.find(callId);
  }

  /** The call's progress in `scope`, if the scope has any. */
  progressIn(call: number, scope: OpenCalls): CallProgress | undefined {
    let progress = this.firsts[call];
    while (progress && progress.scope !== scope) progress = progress.next;
    return progress;
  }

  /** Files an offer (or else an end) of the call in `scope`. */
  track(call: number, scope: OpenCalls, isOffer: boolean, moment: CallMoment): void {
    let progress = this.progressIn(call, scope);
    if (!progress) {
      progress = { scope, offer: undefined, end: undefined, openAt: -1, next: this.firsts[call] };
      this.firsts[call] = progress;
    }
    if (isOffer) {
      if (!progress.offer || moment.t < progress.offer.t) progress.offer = moment;
    } else if (!progress.end || moment.t < progress.end.t) progress.end = moment;
    const isOpen = progress.offer !== undefined && progress.end === undefined;
    if (isOpen && progress.openAt < 0) scope.open(progress);
    else if (!isOpen && progress.openAt >= 0) scope.close(progress);
  }

  /**
   * Forgets the call's progress in `scope` when all of it lies before `horizon` (both its
   * offer and its end, those it has).
   */
  forgetBefore(call: number, scope: OpenCalls, horizon: number): void {
    let previous: CallProgress | undefined;
    let progress = this.firsts[call];
    while (progress && progress.scope !== scope) {
      previous = progress;
      progress = progress.next;
    }
    if (!progress) return;
    const offeredAt = progress.offer?.t ?? -Infinity;
    const endedAt = progress.end?.t ?? -Infinity;
    if (Math.max(offeredAt, endedAt) >= horizon) return;
    if (progress.openAt >= 0) scope.close(progress);
    if (previous) previous.next = progress.next;
    else this.firsts[call] = progress.next;
  }

  /** Drops the calls no scope keeps progress in any more (after the scopes are pruned). */
  compact(): void {
    const ids: string[] = [];
    const firsts: CallProgress[] = [];
    for (let call = 0; call < this.firsts.length; call++) {
      const first = this.firsts[call];
      if (!first) continue;
      ids.push(this.ids.keyOf(call));
      firsts.push(first);
    }
    if (firsts.length === this.firsts.length) return;
    this.ids = StringIndex.of(ids);
    this.firsts = firsts;
  }
}

/** The calls of one scope that have an offer and no end yet: the live queue's candidates. */
export class OpenCalls {
  private readonly list: CallProgress[] = [];

  /** Those calls, in no particular order. */
  get calls(): readonly CallProgress[] {
    return this.list;
  }

  open(progress: CallProgress): void {
    progress.openAt = this.list.length;
    this.list.push(progress);
  }

  /** Takes a call off the open list: the last entry moves into its place. */
  close(progress: CallProgress): void {
    const last = this.list.pop()!;
    if (last !== progress) {
      this.list[progress.openAt] = last;
      last.openAt = progress.openAt;
    }
    progress.openAt = -1;
  }
}
