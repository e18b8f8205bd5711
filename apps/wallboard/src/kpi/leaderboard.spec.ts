import { describe, expect, it } from '@jest/globals';
import type { Leader } from '@mieruka/contracts';
import { leaderRows } from './leaderboard';

const leader = (appointments: number, revenue = 0): Leader => ({
  appointments,
  orders: 0,
  revenue,
  connects: 0,
});

describe('leaderRows', () => {
  const leaders = {
    A1: leader(3, 50_000),
    A2: leader(5),
    A3: leader(3, -2_000),
    A4: leader(0, 10_000),
    A5: leader(1),
  };
  const names = { A1: '山田', A3: '佐藤' };

  it('ranks the agents above zero, best first, ties sharing a rank and listed by name', () => {
    const rows = leaderRows(leaders, { by: 'appointments', top: 10, hideNames: false }, names);
    expect(rows).toEqual([
      { rank: 1, agentId: 'A2', name: 'A2', value: 5 },
      { rank: 2, agentId: 'A3', name: '佐藤', value: 3 },
      { rank: 2, agentId: 'A1', name: '山田', value: 3 },
      { rank: 4, agentId: 'A5', name: 'A5', value: 1 },
    ]);
  });

  it('keeps the top rows only, and ranks by the number chosen', () => {
    expect(leaderRows(leaders, { by: 'appointments', top: 2, hideNames: false })).toHaveLength(2);
    expect(leaderRows(leaders, { by: 'revenue', top: 10, hideNames: false }, names)).toEqual([
      { rank: 1, agentId: 'A1', name: '山田', value: 50_000 },
      { rank: 2, agentId: 'A4', name: 'A4', value: 10_000 },
    ]);
  });

  it('says neither name nor id when names are hidden', () => {
    const rows = leaderRows(leaders, { by: 'appointments', top: 3, hideNames: true }, names);
    expect(rows.map((r) => [r.rank, r.agentId, r.name, r.value])).toEqual([
      [1, undefined, undefined, 5],
      [2, undefined, undefined, 3],
      [2, undefined, undefined, 3],
    ]);
  });

  it('shows nobody without numbers, and an id named like a prototype key as itself', () => {
    expect(leaderRows(undefined, { by: 'orders', top: 10, hideNames: false })).toEqual([]);
    const odd: Record<string, Leader> = JSON.parse(
      '{"__proto__": {"appointments": 1, "orders": 0, "revenue": 0, "connects": 0}}',
    );
    expect(leaderRows(odd, { by: 'appointments', top: 10, hideNames: false })).toEqual([
      { rank: 1, agentId: '__proto__', name: '__proto__', value: 1 },
    ]);
  });
});
