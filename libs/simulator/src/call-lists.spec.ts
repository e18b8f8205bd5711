import { validateEvent, type CallEvent, type EventOfType } from '@mieruka/contracts';
import { createSimulation, DEFAULT_PROFILE } from './index';

/**
 * The dialer working through its lists on two simulated weekdays (Tokyo, seed 3, fixed
 * instants): lists registered before they are dialled, every entry dialled at most
 * `maxAttempts` times and never again after a dead number, a fax or a refusal, re-dials after
 * the interval, a realistic mix of outcomes — and every event valid against the contracts.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-11-24T00:00:00+09:00'); // a Tuesday
const END = START + 2 * 24 * HOUR;
const events = createSimulation({
  seed: 3,
  tenant: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  start: START,
}).advance(END);
const at = (e: CallEvent) => Date.parse(e.occurredAt);
const ofType = <T extends CallEvent['type']>(type: T) =>
  events.filter((e): e is EventOfType<T> => e.type === type);

const listOf = new Map(DEFAULT_PROFILE.campaigns.map((c) => [c.id, c.list]));
const loaded = ofType('list.loaded');
const dialed = ofType('call.dialed');
const failed = ofType('call.failed');
const connected = ofType('call.connected').filter((e) => e.direction === 'outbound');

/** The dials of each entry, in time order, with how each ended. */
const entries = new Map<string, { at: number; ended: string; endedAt: number }[]>();
{
  const ends = new Map<string, { ended: string; endedAt: number }>();
  for (const e of failed) ends.set(e.callId, { ended: e.outcome, endedAt: at(e) });
  for (const e of connected) ends.set(e.callId, { ended: 'connected', endedAt: at(e) });
  for (const e of dialed) {
    const end = ends.get(e.callId);
    if (e.listId === undefined || !end) continue;
    const key = `${e.listId}/${e.entryId ?? ''}`;
    entries.set(key, [...(entries.get(key) ?? []), { at: at(e), ...end }]);
  }
}

describe('the dialer’s lists (two weekdays, seed 3)', () => {
  it('registers each list once, with its size, before its first dial', () => {
    expect(loaded.length).toBeGreaterThanOrEqual(2);
    const firstDial = new Map<string, number>();
    for (const e of dialed)
      if (e.listId && !firstDial.has(e.listId)) firstDial.set(e.listId, at(e));
    const wrong = loaded.filter(
      (l) =>
        l.count !== listOf.get(l.campaign)?.size ||
        !(at(l) <= (firstDial.get(l.listId) ?? -Infinity)),
    );
    expect(wrong).toEqual([]);
    expect(new Set(loaded.map((l) => l.listId)).size).toBe(loaded.length);
  });

  it('names a list and an entry on every dial and connect of a list campaign', () => {
    const bare = [...dialed, ...connected].filter(
      (e) => listOf.get(e.campaign ?? '') && (e.listId === undefined || e.entryId === undefined),
    );
    expect(bare).toEqual([]);
    // Each list's distinct entries are at most its registered count.
    const worked = new Map<string, number>();
    for (const key of entries.keys()) {
      const list = key.slice(0, key.indexOf('/'));
      worked.set(list, (worked.get(list) ?? 0) + 1);
    }
    const over = loaded.filter((l) => (worked.get(l.listId) ?? 0) > l.count);
    expect(over).toEqual([]);
  });

  it('ends every dial once: connected or failed, never both', () => {
    const ended = new Map<string, number>();
    for (const e of [...failed, ...connected]) ended.set(e.callId, (ended.get(e.callId) ?? 0) + 1);
    // The last dials of the run may still be ringing at its end.
    const early = dialed.filter((e) => at(e) < END - 5 * 60_000);
    expect(early.filter((e) => ended.get(e.callId) !== 1)).toEqual([]);
  });

  it('re-dials unreached entries after the interval, at most maxAttempts times, never a dead one', () => {
    const wrong = [...entries].filter(([key, dials]) => {
      const list = loaded.find((l) => key.startsWith(`${l.listId}/`));
      const profile = list && listOf.get(list.campaign);
      if (!profile) return true;
      if (dials.length > profile.maxAttempts) return true;
      return dials.some((d, i) => {
        const next = dials[i + 1];
        if (!next) return false;
        const final = ['connected', 'invalid_number', 'fax', 'rejected'].includes(d.ended);
        return final || next.at - d.endedAt < profile.redialAfterMs;
      });
    });
    expect(wrong).toEqual([]);
    const redialled = [...entries.values()].filter((dials) => dials.length > 1).length;
    expect(redialled / entries.size).toBeGreaterThan(0.1);
  });

  it('fails mostly with no answer, then machines and busy lines, with some dead numbers and faxes', () => {
    const count = (outcome: string) => failed.filter((e) => e.outcome === outcome).length;
    const all = failed.length;
    expect(count('no_answer') / all).toBeGreaterThan(0.4);
    for (const outcome of ['answering_machine', 'busy', 'invalid_number', 'fax', 'rejected'])
      expect([outcome, count(outcome) > 0]).toEqual([outcome, true]);
    expect(count('no_answer')).toBeGreaterThan(count('answering_machine'));
    expect(count('invalid_number') / dialed.length).toBeLessThan(0.1);
    // About a quarter to a third of dials still connect (the campaigns' connect rates).
    const rate = connected.length / dialed.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
  });

  it('emits only events the contracts accept', () => {
    const ctx = { receivedAt: END, currencyOf: () => 'JPY' };
    const rejected = events.flatMap((e) => {
      const result = validateEvent(JSON.parse(JSON.stringify(e)), ctx);
      return result.ok ? [] : [`${e.type}: ${result.reason}`];
    });
    expect(rejected.slice(0, 5)).toEqual([]);
  });
});
