import fc from 'fast-check';
import {
  DIAL_OUTCOMES,
  tenantSettingsSchema,
  type CallEvent,
  type Scope,
} from '@mieruka/contracts';
import type { Stream } from './arbitraries';

/**
 * Random outbound floors for the v2 list rules (docs/kpis.md, Outbound lists; KGIs): lists
 * loaded once or several times (a later load naming another campaign, loads after `at`), the
 * same entry dialled again and again, dials ending in every outcome or a connect, failures
 * that name no list, dials of a list never loaded, orders paid and shipped for scoped KGIs,
 * repeated ids and shuffled arrival. Small pools of names, so entries, lists and scopes meet.
 */

const ZONES = ['Asia/Tokyo', 'America/New_York', 'UTC'] as const;
/** A Tuesday and a month's first day (KGI periods just begun). */
const DAYS = ['2026-11-24T03:00:00Z', '2026-12-01T01:00:00Z'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Including ids whose code point and UTF-16 orders differ, and a list never loaded (L9). */
const LIST_IDS = ['L1', 'L2', 'リスト', '\u{1F4DE}', 'L9'] as const;
const LOADED_IDS = LIST_IDS.slice(0, 4);
const CAMPAIGNS = ['c1', 'c2'] as const;
const ENTRY_IDS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'] as const;
const AGENTS = [
  { agentId: 'a1', team: 'blue' },
  { agentId: 'a2', team: 'red' },
  { agentId: 'a3', team: undefined },
] as const;

const SCOPES: readonly Scope[] = [
  'tenant',
  'tenant',
  'tenant',
  'campaign:c1',
  'campaign:c2',
  'team:blue',
  'agent:a1',
  'queue:q1',
];

const loadArb = fc.record({
  listId: fc.constantFrom(...LOADED_IDS),
  campaign: fc.constantFrom(...CAMPAIGNS),
  count: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 10_000_000 })),
  // Mostly days before `at` (a list is loaded, then worked); sometimes around or after it.
  offset: fc.oneof(
    { arbitrary: fc.integer({ min: -10 * DAY, max: -3 * DAY }), weight: 3 },
    { arbitrary: fc.integer({ min: -3 * DAY, max: HOUR }), weight: 1 },
  ),
});

const dialArb = fc.record({
  listId: fc.option(fc.constantFrom(...LIST_IDS), { nil: undefined, freq: 8 }),
  entryId: fc.option(fc.constantFrom(...ENTRY_IDS), { nil: undefined, freq: 6 }),
  agent: fc.constantFrom(...AGENTS),
  campaign: fc.constantFrom(...CAMPAIGNS),
  offset: fc.integer({ min: -3 * DAY, max: 10 * 60_000 }),
  end: fc.oneof(
    fc.constant('none' as const),
    fc.constant('connected' as const),
    fc.constantFrom(...DIAL_OUTCOMES),
  ),
  /** Whether the failure repeats the dial's list and entry (dialers differ). */
  failureNamesList: fc.boolean(),
  disposition: fc.constantFrom('appointment', 'no_interest'),
  /** A connect that became an order, later paid and maybe shipped. */
  order: fc.option(
    fc.record({ paidAfter: fc.integer({ min: -HOUR, max: 2 * DAY }), shipped: fc.boolean() }),
    { nil: undefined, freq: 3 },
  ),
});

const kgiArb = fc.record({
  metric: fc.constantFrom(
    'connectedOutbound',
    'paidOrders',
    'shippedOrders',
    'disposition:appointment',
    'orders',
  ),
  scope: fc.constantFrom(undefined, 'campaign:c1', 'team:blue', 'agent:a1', 'queue:q1'),
  period: fc.constantFrom('month' as const, { start: '2026-11-20', end: '2026-12-10' }),
});

export const listStreamArb: fc.Arbitrary<Stream> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.constantFrom(...DAYS),
    atOffset: fc.integer({ min: 0, max: 20 * HOUR }),
    loads: fc.array(loadArb, { minLength: 1, maxLength: 6 }),
    dials: fc.array(dialArb, { minLength: 2, maxLength: 30 }),
    kgis: fc.array(kgiArb, { minLength: 1, maxLength: 3 }),
    scope: fc.constantFrom(...SCOPES),
    repeats: fc.array(fc.nat(), { maxLength: 5 }),
    order: fc.array(fc.nat(), { minLength: 100, maxLength: 100 }),
  })
  .map(({ zone, day, atOffset, loads, dials, kgis, scope, repeats, order }) => {
    const at = Date.parse(day) + atOffset;
    const iso = (t: number) => new Date(t).toISOString();
    const events: CallEvent[] = [];
    const base = { tenant: 'default', source: 'property' } as const;
    loads.forEach((l, i) =>
      events.push({
        ...base,
        id: `ld${i}`,
        type: 'list.loaded',
        occurredAt: iso(at + l.offset),
        listId: l.listId,
        campaign: l.campaign,
        count: l.count,
      }),
    );
    dials.forEach((d, i) => {
      const t = at + d.offset;
      const callId = `k${i}`;
      const who = { agentId: d.agent.agentId, ...(d.agent.team ? { team: d.agent.team } : {}) };
      const call = { ...base, callId, direction: 'outbound' as const, campaign: d.campaign };
      const list = {
        ...(d.listId ? { listId: d.listId } : {}),
        ...(d.entryId ? { entryId: d.entryId } : {}),
      };
      events.push({
        ...call,
        ...who,
        ...list,
        id: `d${i}`,
        type: 'call.dialed',
        occurredAt: iso(t),
      });
      if (d.end === 'none') return;
      if (d.end !== 'connected') {
        events.push({
          ...call,
          ...who,
          ...(d.failureNamesList ? list : {}),
          id: `f${i}`,
          type: 'call.failed',
          occurredAt: iso(t + 20_000),
          outcome: d.end,
        });
        return;
      }
      events.push({
        ...call,
        ...who,
        ...list,
        id: `c${i}`,
        type: 'call.connected',
        occurredAt: iso(t + 15_000),
      });
      events.push({
        ...call,
        ...who,
        id: `w${i}`,
        type: 'call.wrapped',
        occurredAt: iso(t + 300_000),
        talkMs: 240_000,
        holdMs: 0,
        wrapMs: 45_000,
        disposition: d.disposition,
      });
      if (!d.order) return;
      const orderId = `o${i}`;
      events.push({
        ...call,
        ...who,
        id: `oc${i}`,
        type: 'order.confirmed',
        occurredAt: iso(t + 200_000),
        orderId,
        amount: 9800,
        currency: 'JPY',
      });
      // The EC side names a misleading team: scope comes from the confirmation.
      const paidAt = t + 200_000 + d.order.paidAfter;
      events.push({
        ...base,
        id: `op${i}`,
        type: 'order.paid',
        occurredAt: iso(paidAt),
        orderId,
        amount: 9800,
        currency: 'JPY',
        team: 'red',
      });
      if (d.order.shipped) {
        events.push({
          ...base,
          id: `os${i}`,
          type: 'order.shipped',
          occurredAt: iso(paidAt + HOUR),
          orderId,
        });
      }
    });
    // Redelivered copies (same id, same content), then a shuffled arrival.
    for (const r of repeats) if (events.length > 0) events.push(events[r % events.length]!);
    const arrivals = events
      .map((e, i) => ({ e, key: order[i % order.length]! * 1000 + i }))
      .sort((a, b) => a.key - b.key)
      .map(({ e }) => e);
    // Loads keep their relative arrival order sometimes reversed by the shuffle: "first seen".
    const settings = tenantSettingsSchema.parse({
      tenant: { id: 'default', timezone: zone, currency: 'JPY' },
      kgis: kgis.map((k, i) => ({
        id: `k${i}`,
        metric: k.metric,
        target: 10,
        period: k.period,
        ...(k.scope ? { scope: k.scope } : {}),
      })),
    });
    return { settings, at, scope, events: arrivals };
  });
