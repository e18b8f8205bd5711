import {
  LIVE_AGENT_STATES,
  SCOPE_DIMENSIONS,
  WINDOWS,
  epochOf,
  parseScope,
  type CallEvent,
  type Kgi,
  type KpiSnapshot,
  type Live,
  type Scope,
  type ScopeDimension,
  type TenantSettings,
  type WindowKpis,
} from '@mieruka/contracts';
import { formatLocalIso } from '../format';
import { kgiPeriod, kgiProgress, kgisShownIn } from '../kgi';
import { windowRanges } from '../windows';
import { localTime, type LocalTime } from '../zoned-time';
import { stateEventOf } from './agent-timeline';
import { CallRegistry } from './call-progress';
import { ListIndex } from './list-index';
import { LocalDays, localDay } from './local-days';
import { OrderIndex } from './order-index';
import { ScopeState } from './scope-state';
import { SeenIds } from './seen-ids';
import { factOf, tracksCall, type Sums } from './sums';
import { windowKpis } from './window-kpis';

/** The live projection of one tenant: fold events in with `evolve`, read with `snapshot`. */
export interface Projection {
  readonly settings: TenantSettings;
  readonly zone: LocalTime;
  /** The local day of each event's time, cached per quarter hour. */
  readonly days: LocalDays;
  /** Ids folded so far, with their time (to forget them once pruned). */
  readonly seen: SeenIds;
  /** Each call's progress in the live queue, shared by the scopes (see call-progress). */
  readonly calls: CallRegistry;
  /** Every order's way after the call: its attribution, later events and the book. */
  readonly orders: OrderIndex;
  /** Every outbound list's loads, attempts and distinct entries worked and contacted. */
  readonly lists: ListIndex;
  /** The tenant scope, and a scope per queue, campaign, team and agent seen in the events. */
  readonly tenant: ScopeState;
  readonly scopes: Record<ScopeDimension, Map<string, ScopeState>>;
}

export function createProjection(settings: TenantSettings): Projection {
  const calls = new CallRegistry();
  const zone = localTime(settings.tenant.timezone);
  return {
    settings,
    zone,
    days: new LocalDays(zone),
    seen: new SeenIds(),
    calls,
    orders: new OrderIndex(),
    lists: new ListIndex(),
    tenant: new ScopeState(settings.serviceLevel, calls),
    scopes: Object.fromEntries(SCOPE_DIMENSIONS.map((d) => [d, new Map()])) as Projection['scopes'],
  };
}

function scopeFor(projection: Projection, dimension: ScopeDimension, value: string): ScopeState {
  const map = projection.scopes[dimension];
  let scope = map.get(value);
  if (!scope) {
    scope = new ScopeState(projection.settings.serviceLevel, projection.calls);
    map.set(value, scope);
  }
  return scope;
}

/**
 * Folds one event in, in whatever order events arrive: each lands in the minute, day and
 * agent timeline it belongs to. Events of another tenant are not this projection's and are
 * left out; the same id twice in this tenant counts once (the first one wins). Returns whether
 * it counted.
 */
export function evolve(projection: Projection, event: CallEvent): boolean {
  // Ids are unique within a tenant: another tenant's copy of an id is another event.
  if (event.tenant !== projection.settings.tenant.id) return false;
  const t = epochOf(event.occurredAt);
  if (!projection.seen.add(event.id, t)) return false;
  // The scopes it counts in: the tenant, and each of its queue, campaign, team and agent.
  // Written out per kind (no callback per event): this runs a million times a busy day.
  const { queue, campaign, team } = event;
  if (event.type === 'agent.state') {
    const { agentId } = event;
    const stateEvent = stateEventOf(t, event.id, event.state);
    projection.tenant.addState(agentId, stateEvent);
    if (queue !== undefined) scopeFor(projection, 'queue', queue).addState(agentId, stateEvent);
    if (campaign !== undefined)
      scopeFor(projection, 'campaign', campaign).addState(agentId, stateEvent);
    if (team !== undefined) scopeFor(projection, 'team', team).addState(agentId, stateEvent);
    scopeFor(projection, 'agent', agentId).addState(agentId, stateEvent);
    return true;
  }
  if (event.type === 'list.loaded') {
    // A list's numbers are its whole life, not a window: the list index keeps them.
    projection.lists.add(event, t);
    return true;
  }
  if (event.type === 'call.dialed' || event.type === 'call.connected') {
    projection.lists.add(event, t);
  }
  if (event.type.startsWith('order.')) {
    projection.orders.add(event, t);
    // Counted per scope through the order's attribution at snapshot time (order-index.ts).
    if (event.type !== 'order.confirmed' && event.type !== 'order.cancelled') return true;
  }
  // One lookup of the call for all its scopes. (A call whose fact every scope finds too old
  // to track keeps its number, with no progress, until the next prune compacts the registry.)
  const call = tracksCall(event.type) ? projection.calls.numberOf(event.callId ?? '') : -1;
  const fact = factOf(event, t);
  const day = projection.days.dayOf(t);
  projection.tenant.addFact(fact, day, call);
  if (queue !== undefined) scopeFor(projection, 'queue', queue).addFact(fact, day, call);
  if (campaign !== undefined) scopeFor(projection, 'campaign', campaign).addFact(fact, day, call);
  if (team !== undefined) scopeFor(projection, 'team', team).addFact(fact, day, call);
  const { agentId } = event;
  if (agentId !== undefined) scopeFor(projection, 'agent', agentId).addFact(fact, day, call);
  return true;
}

/**
 * Forgets what no snapshot from `horizon` + 4 hours on can need (see ScopeState.prune), and
 * the ids of events before `horizon`: an old event delivered twice would then count twice in
 * its day's KGI sums, which ingest rules out (it stores and forwards each id once).
 */
export function prune(projection: Projection, horizon: number): void {
  projection.seen.forgetBefore(horizon);
  projection.orders.prune(horizon, (t) => projection.days.dayOf(t));
  projection.lists.prune(horizon);
  projection.tenant.prune(horizon);
  for (const scopes of Object.values(projection.scopes)) {
    for (const scope of scopes.values()) scope.prune(horizon);
  }
  projection.calls.compact();
}

/**
 * Adds a past local day's sums to a scope without folding its events: a restart seeds the
 * days a KGI period needs from SQL and folds events only from yesterday on. Only day sums
 * take it — what the KGIs read — so seed only days no window reaches (before yesterday), and
 * each (scope, day) once. `localDay` counts days since 1970-01-01 on the tenant's clock.
 */
export function seedDay(projection: Projection, scope: Scope, localDay: number, sums: Sums): void {
  const parsed = parseScope(scope);
  const state = parsed ? scopeFor(projection, parsed.dimension, parsed.value) : projection.tenant;
  state.addDaySums(localDay, sums);
}

/**
 * Adds an order event from before the folded range to the order index only (its book and
 * attribution), not to any window or day sum: a restart folds events from yesterday on and
 * seeds the orders still open, or closed within the retention, from the store this way
 * (docs/kpis.md, Orders). Events of another tenant are left out.
 */
export function seedOrderEvent(projection: Projection, event: CallEvent): void {
  if (event.tenant !== projection.settings.tenant.id || !event.type.startsWith('order.')) return;
  projection.orders.add(event, epochOf(event.occurredAt));
}

/**
 * Adds a list event from before the folded range (a load, a dial or an outbound connect of a
 * list) to the list index only: a restart folds events from yesterday on and seeds the lists
 * still in use from the store this way, so a list's progress is whole (docs/kpis.md, Outbound
 * lists). Events of another tenant are left out.
 */
export function seedListEvent(projection: Projection, event: CallEvent): void {
  if (event.tenant !== projection.settings.tenant.id) return;
  projection.lists.add(event, epochOf(event.occurredAt));
}

function metricOf(sums: Sums, metric: Kgi['metric']): number {
  switch (metric) {
    case 'revenue':
      return sums.revenueCents / 100;
    case 'orders':
      return sums.orders;
    case 'netOrders':
      return sums.orders - sums.cancelledOrders;
    case 'answered':
      return sums.answered;
    case 'connectedOutbound':
      return sums.connectedOutbound;
    case 'wrapped':
      return sums.wrapped;
    default:
      return sums.dispositions.get(metric.slice('disposition:'.length)) ?? 0;
  }
}

function scopeStateOf(projection: Projection, scope: Scope): ScopeState {
  const parsed = parseScope(scope);
  return (
    (parsed ? projection.scopes[parsed.dimension].get(parsed.value) : projection.tenant) ??
    new ScopeState(projection.settings.serviceLevel, projection.calls)
  );
}

/**
 * Every count and ratio of docs/kpis.md over any window [start, at] (events with
 * start ≤ t ≤ at, agent time clipped to it): what the SQL history computes per bucket. Order
 * events are attributed as at `attributionAt` (the history's: the end of the range asked for).
 */
export function windowValues(
  projection: Projection,
  start: number,
  at: number,
  scope: Scope = 'tenant',
  attributionAt = at,
): WindowKpis {
  const state = scopeStateOf(projection, scope);
  const [orders] = projection.orders.counts(
    scope,
    [{ after: start - 1, until: at }],
    attributionAt,
  );
  return windowKpis(
    state.sumsIn(start - 1, at),
    state.agents.timeIn(start, at),
    projection.settings,
    orders,
  );
}

/** The snapshot of docs/kpis.md at `at` for one scope (without the `ingest` counts). */
export function snapshot(
  projection: Projection,
  at: number,
  scope: Scope = 'tenant',
): Omit<KpiSnapshot, 'ingest'> {
  const { settings, zone } = projection;
  const state = scopeStateOf(projection, scope);
  const ranges = windowRanges(at, settings.tenant.timezone);
  const orderCounts = projection.orders.counts(
    scope,
    WINDOWS.map((name) => ranges[name]),
    at,
  );
  const windows = Object.fromEntries(
    WINDOWS.map((name, i) => {
      const range = ranges[name];
      const sums = state.sumsIn(range.after, range.until);
      const time = state.agents.timeIn(range.start, range.until);
      return [name, windowKpis(sums, time, settings, orderCounts[i])];
    }),
  ) as KpiSnapshot['windows'];

  const waiting = state.waitingAt(at);
  const agents = Object.fromEntries(LIVE_AGENT_STATES.map((s) => [s, 0])) as Live['agents'];
  for (const agentState of state.agents.statesAt(at).values()) {
    if (agentState !== 'logged_out') agents[agentState]++;
  }
  const live: Live = {
    inQueue: waiting.length,
    longestWaitMs: waiting.length > 0 ? at - Math.min(...waiting) : null,
    agents,
  };

  const today = ranges.today;
  const todayKey = localDay(zone, at);
  const kgis = kgisShownIn(settings.kgis, scope).map(({ kgi, countIn }) => {
    const period = kgiPeriod(kgi.period, at, settings.tenant.timezone);
    let actual = 0;
    if (period.start <= at) {
      const from = localDay(zone, period.start);
      if (kgi.metric === 'paidOrders' || kgi.metric === 'shippedOrders') {
        // Counted where the order was taken: the order index, not the scope's day sums.
        actual = projection.orders.kgiCount(
          countIn,
          kgi.metric,
          { start: period.start, day: from },
          at,
        );
      } else {
        const counted = countIn === scope ? state : scopeStateOf(projection, countIn);
        actual =
          metricOf(counted.sumsOfDays(from, todayKey), kgi.metric) +
          metricOf(counted.sumsIn(today.after, today.until), kgi.metric);
      }
    }
    return kgiProgress(kgi, actual, at, settings);
  });

  return {
    at: formatLocalIso(at, settings.tenant.timezone),
    tenant: settings.tenant.id,
    scope,
    windows,
    live,
    orders: projection.orders.book(scope, at, settings.orders, (t) =>
      formatLocalIso(t, settings.tenant.timezone),
    ),
    lists: projection.lists.lists(scope, at),
    kgis,
  };
}
