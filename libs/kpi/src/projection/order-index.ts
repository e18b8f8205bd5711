import {
  STUCK_LIST_MAX,
  WRONG_ITEM_REASONS,
  parseScope,
  type CallEvent,
  type OrderBook,
  type Scope,
  type StuckOrder,
  type TenantSettings,
} from '@mieruka/contracts';

/**
 * Every order's way after the call (docs/kpis.md, Orders): the live side of the attribution
 * rule and of the order book. The SQL side is libs/store/src/kpi-sql/orders.sql.ts.
 *
 * An order's later events (paid, held, shipped, returned) count where its first-seen
 * `order.confirmed` with `occurredAt ≤ at` was taken — which depends on `at` and on arrival
 * order, and can change after the event is folded (the confirmation may arrive later, or lie
 * after `at`). So those counts are not folded into scope sums: each order keeps its events, and
 * a snapshot counts them per scope through the order's attribution at `at`. Only orders that a
 * window or the book can still need are visited (`active`); see `prune` for what is kept.
 */

/** How long an order closed (shipped or cancelled) is remembered for its later events. */
export const CLOSED_ORDER_RETENTION_MS = 90 * 86_400_000;

const PAID = 0;
const HELD = 1;
const SHIPPED = 2;
const RETURNED = 3;

const WRONG: ReadonlySet<string> = new Set(WRONG_ITEM_REASONS);

interface Confirmation {
  readonly t: number;
  readonly agentId: string;
  readonly queue: string | undefined;
  readonly campaign: string | undefined;
  readonly team: string | undefined;
}

interface OrderEvent {
  readonly t: number;
  readonly kind: number;
  readonly id: string;
  /** Held and returned: the reason. */
  readonly reason: string;
}

interface OrderEntry {
  readonly orderId: string;
  /**
   * The confirmations that can be the attribution for some `at`, in arrival order: each
   * earlier than every one before it (a later-seen one that is not earlier can never be the
   * first seen ≤ at). The attribution at `at` is the first with t ≤ at. Nearly always one.
   */
  readonly confirmations: Confirmation[];
  /** Paid, held, shipped and returned events (dropped once the order is inactive). */
  events: OrderEvent[];
  /** The earliest shipment or cancellation: closed at `at` when this is ≤ at. */
  closedAt: number;
  /** The latest time of any of its events. */
  lastT: number;
  active: boolean;
}

/** The window counts of docs/kpis.md, Orders: what a window adds from the order index. */
export interface OrderCounts {
  paidOrders: number;
  heldOrders: number;
  shippedOrders: number;
  returnedOrders: number;
  wrongItemReturns: number;
}

export function noOrderCounts(): OrderCounts {
  return { paidOrders: 0, heldOrders: 0, shippedOrders: 0, returnedOrders: 0, wrongItemReturns: 0 };
}

/** A window as counted: after < t ≤ until. */
export interface CountRange {
  readonly after: number;
  readonly until: number;
}

const scopeKeys = (c: Confirmation): string[] => {
  const keys = [`agent:${c.agentId}`];
  if (c.queue !== undefined) keys.push(`queue:${c.queue}`);
  if (c.campaign !== undefined) keys.push(`campaign:${c.campaign}`);
  if (c.team !== undefined) keys.push(`team:${c.team}`);
  return keys;
};

function matches(c: Confirmation, parsed: NonNullable<ReturnType<typeof parseScope>>): boolean {
  switch (parsed.dimension) {
    case 'agent':
      return c.agentId === parsed.value;
    case 'queue':
      return c.queue === parsed.value;
    case 'campaign':
      return c.campaign === parsed.value;
    default:
      return c.team === parsed.value;
  }
}

function attribution(entry: OrderEntry, at: number): Confirmation | undefined {
  for (const c of entry.confirmations) if (c.t <= at) return c;
  return undefined;
}

/** A stuck order as the book finds it; made a list entry only if among the oldest. */
interface Stuck {
  readonly since: number;
  readonly entry: OrderEntry;
  readonly rule: StuckOrder['rule'];
  readonly agentId: string | null;
  readonly hold: OrderEvent | undefined;
}

/** The stuck list's order: oldest `since` first, ties by order id. */
function before(since: number, orderId: string, b: Stuck): boolean {
  return since < b.since || (since === b.since && orderId < b.entry.orderId);
}

/** Payments and shipments per local day of orders no longer visited (see `prune`). */
interface RetiredDay {
  paid: number;
  shipped: number;
}

export class OrderIndex {
  private readonly byId = new Map<string, OrderEntry>();
  /**
   * Per scope (`tenant`, `agent:a-7`, …) and local day, the payments and shipments of orders
   * `prune` stopped visiting: the KGIs `paidOrders` and `shippedOrders` count a month of them
   * after the events themselves are dropped. Attributed once, at the prune: every
   * confirmation of such an order is before the horizon, so its attribution is settled.
   */
  private readonly retired = new Map<string, Map<number, RetiredDay>>();
  /** The orders a snapshot may need: open, or with an event since the last prune's horizon. */
  private readonly active = new Set<OrderEntry>();
  /** Active orders by a scope one of their confirmations names (`agent:a-7`, `queue:x`…). */
  private readonly byScope = new Map<string, Set<OrderEntry>>();

  /** Orders remembered (open ones, and closed ones within the retention). */
  get size(): number {
    return this.byId.size;
  }

  /** Folds an order event in (the caller has checked its tenant and that its id is new). */
  add(event: CallEvent, t: number): void {
    if (!('orderId' in event)) return;
    let entry = this.byId.get(event.orderId);
    if (!entry) {
      entry = {
        orderId: event.orderId,
        confirmations: [],
        events: [],
        closedAt: Number.POSITIVE_INFINITY,
        lastT: t,
        active: false,
      };
      this.byId.set(event.orderId, entry);
    }
    if (t > entry.lastT) entry.lastT = t;
    switch (event.type) {
      case 'order.confirmed': {
        const last = entry.confirmations.at(-1);
        if (last === undefined || t < last.t) {
          const c: Confirmation = {
            t,
            agentId: event.agentId,
            queue: event.queue,
            campaign: event.campaign,
            team: event.team,
          };
          entry.confirmations.push(c);
          if (entry.active) for (const key of scopeKeys(c)) this.scopeSet(key).add(entry);
        }
        break;
      }
      case 'order.cancelled':
        if (t < entry.closedAt) entry.closedAt = t;
        break;
      case 'order.shipped':
        if (t < entry.closedAt) entry.closedAt = t;
        entry.events.push({ t, kind: SHIPPED, id: event.id, reason: '' });
        break;
      case 'order.paid':
        entry.events.push({ t, kind: PAID, id: event.id, reason: '' });
        break;
      case 'order.held':
        entry.events.push({ t, kind: HELD, id: event.id, reason: event.reason });
        break;
      case 'order.returned':
        entry.events.push({ t, kind: RETURNED, id: event.id, reason: event.reason });
        break;
      default:
        return;
    }
    if (!entry.active) this.activate(entry);
  }

  private scopeSet(key: string): Set<OrderEntry> {
    let set = this.byScope.get(key);
    if (!set) {
      set = new Set();
      this.byScope.set(key, set);
    }
    return set;
  }

  private activate(entry: OrderEntry): void {
    entry.active = true;
    this.active.add(entry);
    for (const c of entry.confirmations)
      for (const key of scopeKeys(c)) this.scopeSet(key).add(entry);
  }

  /** The orders that may count in a scope (a superset: the attribution is checked per `at`). */
  private candidates(scope: Scope): Iterable<OrderEntry> {
    return scope === 'tenant' ? this.active : (this.byScope.get(scope) ?? []);
  }

  /**
   * Visits the orders attributed to the scope at `at` (the tenant takes every order). A
   * callback, not a generator: a snapshot visits every open order, every second, per room.
   */
  private attributed(
    scope: Scope,
    at: number,
    visit: (entry: OrderEntry, c: Confirmation | undefined) => void,
  ): void {
    const parsed = parseScope(scope);
    for (const entry of this.candidates(scope)) {
      const c = attribution(entry, at);
      if (parsed && (c === undefined || !matches(c, parsed))) continue;
      visit(entry, c);
    }
  }

  /**
   * The window counts of each range for a scope, the orders attributed as at `attributionAt`
   * (a snapshot's `at`; for a history bucket, the end of the range asked for).
   */
  counts(scope: Scope, ranges: readonly CountRange[], attributionAt: number): OrderCounts[] {
    const out = ranges.map(noOrderCounts);
    this.attributed(scope, attributionAt, (entry) => {
      for (const e of entry.events) {
        ranges.forEach((range, i) => {
          if (e.t <= range.after || e.t > range.until) return;
          const counts = out[i]!;
          switch (e.kind) {
            case PAID:
              counts.paidOrders++;
              break;
            case HELD:
              counts.heldOrders++;
              break;
            case SHIPPED:
              counts.shippedOrders++;
              break;
            default:
              counts.returnedOrders++;
              if (WRONG.has(e.reason)) counts.wrongItemReturns++;
          }
        });
      }
    });
    return out;
  }

  /**
   * A KGI's `paidOrders` or `shippedOrders` in a scope from local day `fromDay` (its period's
   * first) to `at`: the visited orders' events counted as a window, plus the retired days.
   */
  kgiCount(
    scope: Scope,
    metric: 'paidOrders' | 'shippedOrders',
    from: { readonly start: number; readonly day: number },
    at: number,
  ): number {
    const [live] = this.counts(scope, [{ after: from.start - 1, until: at }], at);
    let n = live![metric];
    for (const [day, tally] of this.retired.get(scope) ?? []) {
      if (day >= from.day) n += metric === 'paidOrders' ? tally.paid : tally.shipped;
    }
    return n;
  }

  private retire(entry: OrderEntry, dayOf: (t: number) => number): void {
    const c = entry.confirmations[0];
    const scopes = ['tenant', ...(c ? scopeKeys(c) : [])];
    for (const e of entry.events) {
      if (e.kind !== PAID && e.kind !== SHIPPED) continue;
      const day = dayOf(e.t);
      for (const scope of scopes) {
        let days = this.retired.get(scope);
        if (!days) {
          days = new Map();
          this.retired.set(scope, days);
        }
        let tally = days.get(day);
        if (!tally) {
          tally = { paid: 0, shipped: 0 };
          days.set(day, tally);
        }
        if (e.kind === PAID) tally.paid++;
        else tally.shipped++;
      }
    }
  }

  /** The order book of a scope at `at` (docs/kpis.md, The order book). */
  book(
    scope: Scope,
    at: number,
    settings: TenantSettings['orders'],
    formatTime: (t: number) => string,
  ): OrderBook {
    let awaitingPayment = 0;
    let paidNotShipped = 0;
    let held = 0;
    let oldestPaidAt = Number.POSITIVE_INFINITY;
    let stuckCount = 0;
    // The oldest STUCK_LIST_MAX only, kept sorted as found: a desk with thousands of stuck
    // orders would otherwise build and sort them all on every snapshot, every second.
    const oldest: Stuck[] = [];
    this.attributed(scope, at, (entry, c) => {
      if (entry.closedAt <= at) return;
      let paidFirst = Number.POSITIVE_INFINITY;
      let paidLast = Number.NEGATIVE_INFINITY;
      let hold: OrderEvent | undefined;
      for (const e of entry.events) {
        if (e.t > at) continue;
        if (e.kind === PAID) {
          if (e.t < paidFirst) paidFirst = e.t;
          if (e.t > paidLast) paidLast = e.t;
        } else if (e.kind === HELD) {
          if (!hold || e.t > hold.t || (e.t === hold.t && e.id > hold.id)) hold = e;
        }
      }
      const paid = paidFirst !== Number.POSITIVE_INFINITY;
      if (c === undefined && !paid) return;
      if (c !== undefined && !paid) awaitingPayment++;
      if (paid) {
        paidNotShipped++;
        if (paidFirst < oldestPaidAt) oldestPaidAt = paidFirst;
      }
      const isHeld = hold !== undefined && hold.t > paidLast;
      if (isHeld) held++;
      let rule: StuckOrder['rule'] | undefined;
      let since = 0;
      if (isHeld) {
        rule = 'held';
        since = hold!.t;
      } else if (paid && at - paidFirst >= settings.shipWithinMs) {
        rule = 'paid_not_shipped';
        since = paidFirst;
      } else if (c !== undefined && !paid && at - c.t >= settings.payWithinMs) {
        rule = 'unpaid';
        since = c.t;
      }
      if (rule === undefined) return;
      stuckCount++;
      const id = entry.orderId;
      if (oldest.length === STUCK_LIST_MAX && !before(since, id, oldest[STUCK_LIST_MAX - 1]!))
        return;
      let i = oldest.length;
      while (i > 0 && before(since, id, oldest[i - 1]!)) i--;
      oldest.splice(i, 0, { since, entry, rule, agentId: c?.agentId ?? null, hold });
      if (oldest.length > STUCK_LIST_MAX) oldest.pop();
    });
    return {
      awaitingPayment,
      paidNotShipped,
      held,
      stuck: stuckCount,
      oldestPaidNotShippedMs: paidNotShipped > 0 ? at - oldestPaidAt : null,
      stuckList: oldest.map((s): StuckOrder => ({
        orderId: s.entry.orderId,
        agentId: s.agentId,
        rule: s.rule,
        since: formatTime(s.since),
        reason: s.rule === 'held' ? s.hold!.reason : null,
      })),
    };
  }

  /**
   * Keeps memory bounded (docs/kpis.md, Orders — what the live index keeps). An order closed
   * before `horizon` with no event since is no longer visited by snapshots (it is in no window
   * and not in the book of any `at` ≥ horizon) and keeps only its attribution, for a late
   * return; closed more than CLOSED_ORDER_RETENTION_MS before the horizon it is forgotten.
   * Open orders are kept whatever their age: they are the book.
   */
  prune(horizon: number, dayOf: (t: number) => number): void {
    for (const entry of this.byId.values()) {
      if (!(entry.closedAt < horizon && entry.lastT < horizon)) continue;
      if (entry.active) {
        this.retire(entry, dayOf);
        entry.active = false;
        entry.events = [];
        this.active.delete(entry);
        for (const c of entry.confirmations) {
          for (const key of scopeKeys(c)) {
            const set = this.byScope.get(key);
            set?.delete(entry);
            if (set?.size === 0) this.byScope.delete(key);
          }
        }
      }
      if (entry.closedAt < horizon - CLOSED_ORDER_RETENTION_MS) this.byId.delete(entry.orderId);
    }
  }
}
