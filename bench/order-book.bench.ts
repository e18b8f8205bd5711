import { tenantSettingsSchema, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, prune, snapshot } from '@mieruka/kpi';
import { median } from './kpi.bench';
import { collectGarbage, progress, time, type Row } from './report';

/**
 * The order book's cost (issue 20): memory per open order, and what a snapshot pays for the
 * book. Open orders are kept whatever their age (docs/kpis.md, Orders), so both grow with the
 * orders a desk leaves open; measured here with 100,000 paid, never-shipped orders.
 */

const HOUR_MS = 3_600_000;
/** A fixed instant, a Monday 10:00 in Tokyo: the orders were taken over the 14 days before. */
const AT = Date.parse('2026-11-30T10:00:00+09:00');
const SETTINGS = tenantSettingsSchema.parse({});
const TEAMS = ['blue', 'green', 'red', 'amber'];

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** `count` orders confirmed and paid over the 14 days before AT, none shipped: all open. */
function openOrders(count: number): CallEvent[] {
  const events: CallEvent[] = [];
  for (let i = 0; i < count; i++) {
    const t = AT - 14 * 24 * HOUR_MS + Math.floor((i * 13 * 24 * HOUR_MS) / count);
    const agent = `a-${i % 500}`;
    const base = { tenant: 'default', source: 'bench', orderId: `o-${i}` };
    events.push(
      {
        ...base,
        id: `c-${i}`,
        type: 'order.confirmed',
        occurredAt: iso(t),
        callId: `call-${i}`,
        agentId: agent,
        queue: 'orders',
        team: TEAMS[i % TEAMS.length]!,
        amount: 12_800,
        currency: 'JPY',
        items: [{ sku: `CAT-${1000 + (i % 300)}`, qty: 1, variant: 'navy/M' }],
      },
      {
        ...base,
        id: `p-${i}`,
        type: 'order.paid',
        occurredAt: iso(t + 10 * 60_000),
        amount: 12_800,
        currency: 'JPY',
        method: 'card',
      },
    );
  }
  // Through JSON, as the API receives them (flat strings).
  return JSON.parse(JSON.stringify(events)) as CallEvent[];
}

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

export function orderBookRows(): Row[] {
  const rows: Row[] = [];
  const count = 100_000;
  progress(`order book: ${count} open orders…`);
  const events = openOrders(count);

  // What the orders keep once their days' windows and event ids are forgotten (a prune at AT,
  // as the API prunes daily): the heap after, less the heap before.
  const before = heapUsed();
  const projection = createProjection(SETTINGS);
  for (const event of events) evolve(projection, event);
  prune(projection, AT);
  const after = heapUsed();
  rows.push([
    'order book: memory per open order',
    `${count.toLocaleString('en-US')} paid, never-shipped orders over 14 days, after prune; heap ${((after - before) / 2 ** 20).toFixed(1)} MiB`,
    `${Math.round((after - before) / count)} bytes/order`,
  ]);

  for (const scope of ['tenant', 'team:blue', 'agent:a-7'] as const) {
    const samples = Array.from(
      { length: 15 },
      () => time(() => snapshot(projection, AT, scope))[1],
    );
    rows.push([
      `snapshot with ${count.toLocaleString('en-US')} open orders, ${scope}`,
      `every order stuck (paid > shipWithinMs ago), 15 runs`,
      `median ${median(samples).toFixed(1)} ms`,
    ]);
  }
  return rows;
}
