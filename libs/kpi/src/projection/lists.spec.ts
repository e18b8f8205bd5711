import type { CallEvent } from '@mieruka/contracts';
import { LIST_RETENTION_MS, ListIndex } from './list-index';

const T0 = Date.parse('2026-11-24T00:00:00Z');
const HOUR = 3_600_000;
const base = { tenant: 'default', source: 'test' } as const;
let n = 0;

const load = (listId: string, campaign: string, count: number): CallEvent => ({
  ...base,
  id: `ld${++n}`,
  type: 'list.loaded',
  occurredAt: '2026-11-24T00:00:00Z',
  listId,
  campaign,
  count,
});
const dial = (listId: string, entryId?: string): CallEvent => ({
  ...base,
  id: `d${++n}`,
  type: 'call.dialed',
  occurredAt: '2026-11-24T00:00:00Z',
  callId: `k${n}`,
  direction: 'outbound',
  campaign: 'c1',
  listId,
  ...(entryId ? { entryId } : {}),
});
const connect = (listId: string, entryId: string): CallEvent => ({
  ...base,
  id: `c${++n}`,
  type: 'call.connected',
  occurredAt: '2026-11-24T00:00:00Z',
  callId: `k${n}`,
  direction: 'outbound',
  campaign: 'c1',
  agentId: 'a1',
  listId,
  entryId,
});

/** The index is given times directly (the projection passes each event's occurredAt). */
describe('the live list index', () => {
  it('takes the campaign of the first load seen at or before at, and adds every load', () => {
    const lists = new ListIndex();
    lists.add(load('L1', 'late', 5), T0 + 5 * HOUR); // seen first, but after the first `at`
    lists.add(load('L1', 'c1', 100), T0 + HOUR);
    lists.add(load('L1', 'c2', 50), T0 + 2 * HOUR);
    expect(lists.lists('tenant', T0)).toEqual([]);
    expect(lists.lists('tenant', T0 + 3 * HOUR)).toMatchObject([
      { listId: 'L1', campaign: 'c1', registered: 150, worked: 0, progress: 0, contactRate: null },
    ]);
    // From 05:00 the first-seen load is ≤ at: it names the campaign.
    expect(lists.lists('tenant', T0 + 6 * HOUR)).toMatchObject([
      { campaign: 'late', registered: 155, remaining: 155 },
    ]);
    expect(lists.lists('campaign:c1', T0 + 3 * HOUR)).toHaveLength(1);
    expect(lists.lists('campaign:c2', T0 + 3 * HOUR)).toEqual([]);
    for (const scope of ['team:blue', 'agent:a1', 'queue:q'] as const) {
      expect(lists.lists(scope, T0 + 3 * HOUR)).toEqual([]);
    }
  });

  it('counts an entry dialled three times once as worked and three times as attempts', () => {
    const lists = new ListIndex();
    lists.add(load('L1', 'c1', 4), T0);
    lists.add(dial('L1', 'e1'), T0 + 3 * HOUR);
    lists.add(connect('L1', 'e1'), T0 + 3 * HOUR + 1);
    lists.add(dial('L1', 'e1'), T0 + HOUR); // arrives late, happened first
    lists.add(dial('L1', 'e1'), T0 + 2 * HOUR);
    lists.add(dial('L1'), T0 + 2 * HOUR); // no entry: an attempt, no entry worked
    lists.add(dial('L1', 'e2'), T0 + 2 * HOUR);
    expect(lists.lists('tenant', T0 + HOUR)).toMatchObject([{ worked: 1, attempts: 1 }]);
    expect(lists.lists('tenant', T0 + 4 * HOUR)).toEqual([
      {
        listId: 'L1',
        campaign: 'c1',
        registered: 4,
        worked: 2,
        attempts: 5,
        contacted: 1,
        progress: 0.5,
        contactRate: 0.5,
        remaining: 2,
      },
    ]);
  });

  it('answers the same after pruning, for any at from the horizon on', () => {
    const whole = new ListIndex();
    const pruned = new ListIndex();
    const events: [CallEvent, number][] = [
      [load('L1', 'c1', 10), T0 - 5 * 24 * HOUR],
      [dial('L1', 'e1'), T0 - 2 * 24 * HOUR],
      [dial('L1', 'e2'), T0 + HOUR],
      [connect('L1', 'e2'), T0 + HOUR],
    ];
    for (const [e, t] of events) {
      whole.add(e, t);
      pruned.add(e, t);
    }
    pruned.prune(T0);
    // Late events after the prune: an old entry dialled again before the horizon, a new one.
    for (const [e, t] of [
      [dial('L1', 'e1'), T0 - HOUR],
      [dial('L1', 'e2'), T0 - HOUR],
      [dial('L1', 'e3'), T0 + 2 * HOUR],
    ] as [CallEvent, number][]) {
      whole.add(e, t);
      pruned.add(e, t);
    }
    for (const at of [T0, T0 + HOUR, T0 + 3 * HOUR]) {
      expect(pruned.lists('tenant', at)).toEqual(whole.lists('tenant', at));
    }
    expect(pruned.lists('tenant', T0 + 3 * HOUR)).toMatchObject([{ worked: 3, attempts: 5 }]);
  });

  it('forgets a list quiet for 90 days', () => {
    const lists = new ListIndex();
    lists.add(load('L1', 'c1', 10), T0);
    lists.prune(T0 + LIST_RETENTION_MS);
    expect(lists.size).toBe(1);
    lists.prune(T0 + LIST_RETENTION_MS + 1);
    expect(lists.size).toBe(0);
  });

  it('sorts list ids by code point, as ClickHouse does (not by UTF-16 unit)', () => {
    const lists = new ListIndex();
    for (const id of ['\u{1F4DE}', 'ｱ', 'a', 'Z']) lists.add(load(id, 'c1', 1), T0);
    expect(lists.lists('tenant', T0).map((l) => l.listId)).toEqual(['Z', 'a', 'ｱ', '\u{1F4DE}']);
  });
});
