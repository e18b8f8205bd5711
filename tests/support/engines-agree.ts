import type { CallEvent, TenantSettings } from '@mieruka/contracts';
import { createProjection, evolve } from '@mieruka/kpi';
import { encodeEventRows, type EventStore } from '@mieruka/store';
import type { Stream } from './arbitraries';

/**
 * What the engines-agree property specs share: each run's stream under tenants of its own in
 * one shared database, stored as ingest would leave it, and folded live.
 */

/** When they were received is stored, never computed with: any fixed instant will do. */
const RECEIVED_AT = Date.parse('2026-11-24T12:00:00Z');

/** The stream under fresh tenant ids: `default` → `id`, any other → `${id}x`. */
export function isolate(
  stream: Stream,
  id: string,
): { settings: TenantSettings; arrivals: CallEvent[] } {
  const rename = (tenant: string) => (tenant === 'default' ? id : `${id}x`);
  return {
    settings: { ...stream.settings, tenant: { ...stream.settings.tenant, id } },
    arrivals: stream.events.map((e) => ({ ...e, tenant: rename(e.tenant) })),
  };
}

/**
 * Stores the arrivals as the system can leave them: ingest keeps the first copy of each id
 * of a tenant (its id check runs one batch at a time per process, and in the scaled mode one
 * tenant's events go through one partition's consumer), so a second copy with other content
 * is never stored; but a retried insert can store the same event again, which the query-time
 * deduplication must absorb. So: each first copy, and after it every later copy that is
 * identical to it — with the first copy's arrival sequence, as a retried insert re-sends the
 * rows it encoded once (a merge keeps either copy, so "first seen" must not tell them apart).
 */
export async function storeAsIngestWould(
  events: EventStore,
  arrivals: readonly CallEvent[],
): Promise<void> {
  const first = new Map<string, { json: string; seq: number }>();
  const firsts: CallEvent[] = [];
  const copies: CallEvent[] = [];
  for (const e of arrivals) {
    const json = JSON.stringify(e);
    const key = `${e.tenant}/${e.id}`;
    const original = first.get(key);
    if (original === undefined) {
      first.set(key, { json, seq: firsts.length });
      firsts.push(e);
    } else if (original.json === json) copies.push(e);
  }
  const meta = { receivedAt: RECEIVED_AT, ingestSource: 'property' };
  const base = events.reserveSeqs(firsts.length, RECEIVED_AT);
  const seqOf = (e: CallEvent) => base + first.get(`${e.tenant}/${e.id}`)!.seq;
  await events.insertEncoded([
    { rows: encodeEventRows(firsts, meta, base) },
    ...copies.map((e) => ({ rows: encodeEventRows([e], meta, seqOf(e)) })),
  ]);
}

/** The live projection after every arrival, in arrival order. */
export function fold(settings: TenantSettings, arrivals: readonly CallEvent[]) {
  const projection = createProjection(settings);
  for (const e of arrivals) evolve(projection, e);
  return projection;
}
