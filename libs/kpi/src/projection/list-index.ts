import { parseScope, type CallEvent, type ListProgress, type Scope } from '@mieruka/contracts';

/**
 * The outbound lists (名簿) of a tenant, live (docs/kpis.md, Outbound lists): per list its loads,
 * its dial attempts and the distinct entries dialled and connected — over the list's whole
 * life up to `at`, not a window. The SQL side is libs/store/src/kpi-sql/lists.sql.ts.
 *
 * Exact, not estimated: "worked" and "contacted" are distinct entry ids, and a sketch
 * (HyperLogLog and the like) would be off by a percent or so, which a 作業数 / 登録数 read to
 * the last entry cannot be. So every entry id dialled is kept once per list — at most the ids
 * the dialer actually called, which for a list worked as loaded is its registered count. To
 * answer any `at` the projection can still be asked for (at or after its prune horizon), an
 * entry keeps its first dial time only while that is after the horizon; older ones are a bare
 * id in a Set. A list with no event for LIST_RETENTION_MS before the horizon is forgotten.
 */

/** A list quiet this long (no load, dial or connect) is forgotten by the live projection. */
export const LIST_RETENTION_MS = 90 * 86_400_000;

/** Distinct ids with the earliest time each was seen, answered for any `at` ≥ the horizon. */
class FirstSeen {
  /** Ids first seen at or before the horizon: counted at every `at` a snapshot may ask. */
  private readonly settled = new Set<string>();
  /** Ids first seen after the horizon, with that time. */
  private readonly recent = new Map<string, number>();
  private horizon = Number.NEGATIVE_INFINITY;

  add(id: string, t: number): void {
    if (this.settled.has(id)) return;
    if (t <= this.horizon) {
      this.recent.delete(id);
      this.settled.add(id);
      return;
    }
    const first = this.recent.get(id);
    if (first === undefined || t < first) this.recent.set(id, t);
  }

  countAt(at: number): number {
    let n = this.settled.size;
    for (const t of this.recent.values()) if (t <= at) n++;
    return n;
  }

  settle(horizon: number): void {
    if (horizon <= this.horizon) return;
    this.horizon = horizon;
    for (const [id, t] of this.recent) {
      if (t > horizon) continue;
      this.recent.delete(id);
      this.settled.add(id);
    }
  }
}

/** A count of events answered for any `at` ≥ the horizon (the same split as FirstSeen). */
class TimedCount {
  private settled = 0;
  private recent: number[] = [];
  private horizon = Number.NEGATIVE_INFINITY;

  add(t: number): void {
    if (t <= this.horizon) this.settled++;
    else this.recent.push(t);
  }

  countAt(at: number): number {
    let n = this.settled;
    for (const t of this.recent) if (t <= at) n++;
    return n;
  }

  settle(horizon: number): void {
    if (horizon <= this.horizon) return;
    this.horizon = horizon;
    const kept = this.recent.filter((t) => t > horizon);
    this.settled += this.recent.length - kept.length;
    this.recent = kept;
  }
}

interface Load {
  readonly t: number;
  readonly campaign: string;
  readonly count: number;
}

interface ListEntry {
  readonly listId: string;
  /** Its `list.loaded` events in arrival order: the first one ≤ at names the campaign. */
  readonly loads: Load[];
  readonly attempts: TimedCount;
  readonly worked: FirstSeen;
  readonly contacted: FirstSeen;
  lastT: number;
}

const ratio = (numerator: number, denominator: number) =>
  denominator > 0 ? numerator / denominator : null;

/**
 * Code point order, which is UTF-8 byte order: how ClickHouse sorts the same ids (`<` on JS
 * strings compares UTF-16 units, which puts an emoji before U+FF01).
 */
export function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export class ListIndex {
  private readonly byId = new Map<string, ListEntry>();

  /** Lists remembered. */
  get size(): number {
    return this.byId.size;
  }

  private entryOf(listId: string, t: number): ListEntry {
    let entry = this.byId.get(listId);
    if (!entry) {
      entry = {
        listId,
        loads: [],
        attempts: new TimedCount(),
        worked: new FirstSeen(),
        contacted: new FirstSeen(),
        lastT: t,
      };
      this.byId.set(listId, entry);
    }
    if (t > entry.lastT) entry.lastT = t;
    return entry;
  }

  /**
   * Folds in what a list counts (the caller has checked the tenant and that the id is new): a
   * load, a dial of the list, an outbound connect of the list; other events are ignored. A
   * failed dial is not an attempt here: the dialer reports the attempt as `call.dialed`.
   */
  add(event: CallEvent, t: number): void {
    switch (event.type) {
      case 'list.loaded':
        this.entryOf(event.listId, t).loads.push({
          t,
          campaign: event.campaign,
          count: event.count,
        });
        return;
      case 'call.dialed': {
        if (event.listId === undefined) return;
        const entry = this.entryOf(event.listId, t);
        entry.attempts.add(t);
        if (event.entryId !== undefined) entry.worked.add(event.entryId, t);
        return;
      }
      case 'call.connected': {
        if (event.direction !== 'outbound' || event.listId === undefined) return;
        const entry = this.entryOf(event.listId, t);
        if (event.entryId !== undefined) entry.contacted.add(event.entryId, t);
        return;
      }
      default:
        return;
    }
  }

  /**
   * The `lists` of a snapshot at `at`: every list loaded at or before `at` for the tenant; those
   * whose first-seen load names the campaign for a campaign scope; none for other scopes.
   */
  lists(scope: Scope, at: number): ListProgress[] {
    const parsed = parseScope(scope);
    if (parsed && parsed.dimension !== 'campaign') return [];
    const out: ListProgress[] = [];
    for (const entry of this.byId.values()) {
      let campaign: string | undefined;
      let registered = 0;
      for (const load of entry.loads) {
        if (load.t > at) continue;
        campaign ??= load.campaign;
        registered += load.count;
      }
      if (campaign === undefined) continue;
      if (parsed && campaign !== parsed.value) continue;
      const worked = entry.worked.countAt(at);
      const contacted = entry.contacted.countAt(at);
      out.push({
        listId: entry.listId,
        campaign,
        registered,
        worked,
        attempts: entry.attempts.countAt(at),
        contacted,
        progress: ratio(worked, registered),
        contactRate: ratio(contacted, worked),
        remaining: Math.max(registered - worked, 0),
      });
    }
    return out.sort((a, b) => byCodePoint(a.listId, b.listId));
  }

  /**
   * Keeps memory bounded: times at or before `horizon` become bare counts and ids (no snapshot
   * asks for an `at` before it), and a list with no event for LIST_RETENTION_MS before the
   * horizon is forgotten.
   */
  prune(horizon: number): void {
    for (const [listId, entry] of this.byId) {
      if (entry.lastT < horizon - LIST_RETENTION_MS) {
        this.byId.delete(listId);
        continue;
      }
      entry.attempts.settle(horizon);
      entry.worked.settle(horizon);
      entry.contacted.settle(horizon);
    }
  }
}
