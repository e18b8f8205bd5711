import fc from 'fast-check';
import {
  ABANDON_REASONS,
  AGENT_STATES,
  SERVICE_LEVEL_VARIANTS,
  tenantSettingsSchema,
  type CallEvent,
  type Scope,
  type TenantSettings,
} from '@mieruka/contracts';

/**
 * Random but valid event streams for property tests of the two KPI engines: a few tenants
 * and zones, moments on window edges and across DST, late and shuffled arrival, and repeated
 * ids — some repeated with other content, to pin "the first one seen wins".
 */

const ZONES = ['Asia/Tokyo', 'Asia/Kathmandu', 'America/New_York', 'Europe/London'] as const;
/** Days around DST changes and month ends, so "today" and KGI periods meet the awkward cases. */
const DAYS = [
  '2026-11-01T00:00:00Z',
  '2026-03-29T00:00:00Z',
  '2026-11-30T12:00:00Z',
  '2026-11-24T00:00:00Z',
] as const;

const MINUTE = 60_000;

export interface Stream {
  readonly settings: TenantSettings;
  readonly at: number;
  readonly scope: Scope;
  /** In arrival order. */
  readonly events: CallEvent[];
}

const settingsArb = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    thresholdMs: fc.constantFrom(10_000, 20_000),
    shortAbandonMs: fc.constantFrom(0, 5_000),
    variant: fc.constantFrom(...SERVICE_LEVEL_VARIANTS),
    days: fc.constantFrom([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 7]),
    // v2: Japan's national holidays (11-03 and 11-23 fall in the drawn months), alone or merged.
    holidays: fc.constantFrom([], ['2026-11-02', '2026-11-24'], ['jp'], ['jp', '2026-11-24']),
    // v2: per-weekday opening hours — a short Saturday, a late Monday, a Sunday.
    hours: fc.constantFrom(
      undefined,
      { '6': { start: '09:00', end: '13:00' } },
      {
        '1': { start: '10:30', end: '18:00' },
        '6': { start: '09:00', end: '12:00' },
        '7': { start: '10:00', end: '16:00' },
      },
    ),
    shipWithinMs: fc.constantFrom(86_400_000, 3_600_000, 60_000),
    payWithinMs: fc.constantFrom(3_600_000, 60_000),
  })
  .map(
    ({
      timezone,
      thresholdMs,
      shortAbandonMs,
      variant,
      days,
      holidays,
      hours,
      shipWithinMs,
      payWithinMs,
    }) =>
      tenantSettingsSchema.parse({
        tenant: { id: 'default', timezone, currency: 'JPY' },
        serviceLevel: { thresholdMs, shortAbandonMs, variant },
        workingCalendar: { days, start: '09:00', end: '18:00', holidays, hours },
        kgis: [
          { id: 'rev', metric: 'revenue', target: 100_000, period: 'month' },
          { id: 'q', metric: 'netOrders', target: 5, period: 'quarter' },
          {
            id: 'apo',
            metric: 'disposition:appointment',
            target: 3,
            period: { start: '2026-10-15', end: '2026-12-15' },
          },
          { id: 'y', metric: 'answered', target: 10, period: 'year' },
        ],
        orders: { shipWithinMs, payWithinMs },
      }),
  );

/** An offset from `at`, biased to the edges of the windows (ms, negative = before at). */
const offsetArb = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    -15 * MINUTE,
    -15 * MINUTE + 1,
    -60 * MINUTE,
    -60 * MINUTE + 1,
    -4 * 60 * MINUTE,
  ),
  fc.integer({ min: -30 * 60 * MINUTE, max: 2 * MINUTE }),
  fc.integer({ min: -3 * 24 * 60 * MINUTE, max: 0 }),
);

const ALL_KINDS = [
  'offered',
  'connected',
  'abandoned',
  'dialed',
  'connectedOut',
  'wrapped',
  'order',
  'cancel',
  // An order's way after the call, in any order and with no confirmation at all for some
  // orders: paid before confirmed, holds, shipments, returns; taken weeks before.
  'paid',
  'held',
  'shipped',
  'returned',
  'oldOrder',
  'state',
  'state',
  'state',
] as const;
type Kind = (typeof ALL_KINDS)[number];

/** Order lifecycles only, with a call now and then: what the order rules are tested on. */
const ORDER_KINDS: readonly Kind[] = [
  'order',
  'order',
  'oldOrder',
  'cancel',
  'paid',
  'paid',
  'held',
  'shipped',
  'shipped',
  'returned',
  'connected',
];

const eventArb = (at: number, kinds: readonly Kind[] = ALL_KINDS) =>
  fc
    .record({
      kind: fc.constantFrom(...kinds),
      offset: offsetArb,
      tenant: fc.constantFrom('default', 'default', 'default', 'other'),
      call: fc.integer({ min: 1, max: 6 }),
      agent: fc.integer({ min: 1, max: 3 }),
      queue: fc.constantFrom('q1', 'q2'),
      team: fc.constantFrom('blue', 'red', undefined),
      waitMs: fc.constantFrom(0, 4_999, 5_000, 10_000, 20_000, 20_001, 90_000),
      talkMs: fc.integer({ min: 0, max: 600_000 }),
      disposition: fc.constantFrom('sale', 'appointment', 'callback', 'no_interest'),
      resolved: fc.constantFrom(true, false, undefined),
      cents: fc.integer({ min: 0, max: 5_000_000 }),
      state: fc.constantFrom(...AGENT_STATES),
      // Unsaid (v1 senders) as often as said: both count as the caller hanging up.
      abandonReason: fc.constantFrom(undefined, undefined, ...ABANDON_REASONS),
      holdReason: fc.constantFrom('item_unidentified', 'payment_failed'),
      returnReason: fc.constantFrom('wrong_item', 'wrong_variant', 'damaged', 'changed_mind'),
      weeksBack: fc.integer({ min: 7 * 24 * 60 * MINUTE, max: 40 * 24 * 60 * MINUTE }),
      // Why an agent is not ready, as some sources say and others do not.
      stateReason: fc.constantFrom(undefined, undefined, 'lunch', '研修'),
    })
    .map((r) => {
      const common = {
        occurredAt: new Date(at + r.offset).toISOString(),
        tenant: r.tenant,
        source: 'property',
        ...(r.team ? { team: r.team } : {}),
      };
      const callId = `c${r.call}`;
      // Three orders: each gets several events (paid before confirmed, confirmed twice…).
      const orderId = `o${1 + (r.call % 3)}`;
      const agentId = `a${r.agent}`;
      const inbound = { direction: 'inbound' as const, queue: r.queue };
      const outbound = { direction: 'outbound' as const, campaign: 'k1' };
      switch (r.kind) {
        case 'offered':
          return { ...common, type: 'call.offered', callId, ...inbound };
        case 'connected':
          return {
            ...common,
            type: 'call.connected',
            callId,
            agentId,
            ...inbound,
            waitMs: r.waitMs,
          };
        case 'abandoned':
          return {
            ...common,
            type: 'call.abandoned',
            callId,
            ...inbound,
            waitMs: r.waitMs,
            ...(r.abandonReason ? { reason: r.abandonReason } : {}),
          };
        case 'dialed':
          return { ...common, type: 'call.dialed', callId, ...outbound };
        case 'connectedOut':
          return { ...common, type: 'call.connected', callId, agentId, ...outbound };
        case 'wrapped':
          return {
            ...common,
            type: 'call.wrapped',
            callId,
            agentId,
            ...(r.call % 2 ? inbound : outbound),
            talkMs: r.talkMs,
            holdMs: 1_000,
            wrapMs: 30_000,
            disposition: r.disposition,
            ...(r.resolved === undefined ? {} : { resolved: r.resolved }),
          };
        case 'order':
        case 'oldOrder':
          return {
            ...common,
            ...(r.kind === 'oldOrder'
              ? { occurredAt: new Date(at + r.offset - r.weeksBack).toISOString() }
              : {}),
            type: 'order.confirmed',
            callId,
            orderId,
            agentId,
            // Inbound orders name their queue, outbound ones their campaign.
            ...(r.agent === 3 ? { campaign: 'k1' } : { queue: r.queue }),
            amount: r.cents / 100,
            currency: 'JPY',
          };
        // The EC side's events: scope fields they carry are ignored (attribution), so some
        // carry misleading ones.
        case 'paid':
          return {
            ...common,
            type: 'order.paid',
            orderId,
            ...(r.resolved ? { agentId, queue: r.queue } : {}),
            amount: r.cents / 100,
            currency: 'JPY',
          };
        case 'held':
          return { ...common, type: 'order.held', orderId, reason: r.holdReason };
        case 'shipped':
          return {
            ...common,
            type: 'order.shipped',
            orderId,
            ...(r.resolved ? { agentId } : {}),
          };
        case 'returned':
          return {
            ...common,
            type: 'order.returned',
            orderId,
            reason: r.returnReason,
            ...(r.resolved === false ? { campaign: 'k1' } : {}),
          };
        case 'cancel':
          return {
            ...common,
            type: 'order.cancelled',
            callId,
            orderId,
            agentId,
            amount: r.cents / 100,
            currency: 'JPY',
          };
        default:
          return {
            ...common,
            type: 'agent.state',
            agentId,
            state: r.state,
            ...(r.stateReason ? { reason: r.stateReason } : {}),
          };
      }
    });

/**
 * Each event's first arrival, as ingest passes them on: an id is unique within its tenant, so
 * the same id in another tenant is another event.
 */
export function firstArrivals(events: readonly CallEvent[]): CallEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.tenant}/${e.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const streamOf = (kinds: readonly Kind[]): fc.Arbitrary<Stream> =>
  fc
    .record({
      settings: settingsArb,
      day: fc.constantFrom(...DAYS),
      hour: fc.integer({ min: 0, max: 23 * 60 + 59 }),
    })
    .chain(({ settings, day, hour }) => {
      const at = Date.parse(day) + hour * MINUTE + 123;
      return fc
        .record({
          bodies: fc.array(eventArb(at, kinds), { minLength: 1, maxLength: 60 }),
          repeats: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 8 }),
          order: fc.array(fc.nat(), { maxLength: 80 }),
          scope: fc.constantFrom<Scope>(
            'tenant',
            'queue:q1',
            'campaign:k1',
            'team:blue',
            'agent:a1',
            'agent:a2',
          ),
        })
        .map(({ bodies, repeats, order, scope }) => {
          const events = bodies.map(
            (body, i) => ({ ...body, id: `e${i}` }) as unknown as CallEvent,
          );
          // Repeated ids: the same event again, or another event under an id already used.
          for (const [pick, sameContent] of repeats) {
            const original = events[pick % events.length]!;
            const other = events[(pick + 1) % events.length]!;
            events.push(sameContent ? original : { ...other, id: original.id });
          }
          // Arrival order: a permutation driven by `order` (late and out-of-order events).
          const shuffled = [...events];
          order.forEach((n, i) => {
            const a = i % shuffled.length;
            const b = n % shuffled.length;
            [shuffled[a], shuffled[b]] = [shuffled[b]!, shuffled[a]!];
          });
          return { settings, at, scope, events: shuffled };
        });
    });

export const streamArb: fc.Arbitrary<Stream> = streamOf(ALL_KINDS);

/** Streams of order lifecycles: paid before confirmed, duplicates, returns weeks later… */
export const orderStreamArb: fc.Arbitrary<Stream> = streamOf(ORDER_KINDS);
