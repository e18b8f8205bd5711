import { describe, expect, it } from '@jest/globals';
import type { Floor } from '@mieruka/contracts';
import { abandonedRows, agentRows, gridShape, localClock, serverNow } from './floor';

const at = (time: string) => `2026-11-24T${time}.000+09:00`;
const floor: Floor = {
  agents: {
    'a-3': { team: 'red', state: 'break', since: at('14:20:00') },
    'a-1': {
      team: 'blue',
      state: 'on_call',
      since: at('14:58:00'),
      call: { callId: 'c-1', direction: 'inbound', queue: 'support', since: at('14:58:00') },
    },
    'a-2': { state: 'available', since: at('14:59:30'), missedRings: 3 },
    'a-4': { state: 'break', since: at('14:50:00') },
    'a-5': {
      state: 'wrap',
      since: at('14:59:00'),
      call: { callId: 'o-1', direction: 'outbound', campaign: 'teleapo', since: at('14:55:10') },
    },
  },
  agentsOmitted: 0,
  abandoned: [
    {
      callId: 'c-9',
      at: at('14:57:03'),
      queue: 'orders',
      waitMs: 42_000,
      reason: 'caller_hangup',
      caller: '***-****-5678',
      rangAgainAt: at('14:58:40'),
      calledBackAt: at('14:59:05'),
    },
    { callId: 'c-8', at: at('14:40:00'), queue: 'support', waitMs: 3_000, reason: 'timeout' },
  ],
};

describe('the floor tiles’ reading', () => {
  it('orders agents by state, the longest in it first, with time in state and the call', () => {
    const rows = agentRows(floor, Date.parse(at('15:00:00')));
    expect(rows.map((r) => [r.agentId, r.state, r.inStateMs])).toEqual([
      ['a-1', 'on_call', 120_000],
      ['a-5', 'wrap', 60_000],
      ['a-2', 'available', 30_000],
      ['a-3', 'break', 40 * 60_000],
      ['a-4', 'break', 10 * 60_000],
    ]);
    expect(rows[0]?.call).toEqual({ where: 'support', since: '14:58' });
    expect(rows[1]?.call).toEqual({ where: 'teleapo', since: '14:55' });
    expect(rows[2]?.call).toBeUndefined();
    expect(rows[0]?.team).toBe('blue');
    // Missed rings of the day: a-2's three, none said for the others.
    expect(rows.map((r) => r.missedRings)).toEqual([0, 0, 3, 0, 0]);
  });

  it('reads the tenant’s clock from the instant, whatever the screen’s zone', () => {
    expect(localClock('2026-11-24T23:59:58.120-05:00')).toBe('23:59:58');
    expect(localClock('nonsense')).toBe('—');
  });

  it('ticks the server’s clock on the screen’s monotonic clock, and stops when stale', () => {
    const timing = { serverTime: 1_000_000, receivedAt: 500 };
    expect(serverNow(timing, 2_500, false)).toBe(1_002_000);
    expect(serverNow(timing, 2_500, true)).toBe(1_000_000);
    expect(serverNow(timing, 100, false)).toBe(1_000_000); // never backwards
  });

  it('shapes the grid so cells stay about twice as wide as tall', () => {
    expect(gridShape(0, 1.4)).toEqual({ columns: 1, rows: 1 });
    expect(gridShape(1, 1.4)).toEqual({ columns: 1, rows: 1 });
    expect(gridShape(18, 1.4)).toEqual({ columns: 4, rows: 5 });
    for (const count of [2, 7, 18, 40, 60]) {
      const { columns, rows } = gridShape(count, 1.4);
      expect(columns * rows).toBeGreaterThanOrEqual(count);
      expect(columns * (rows - 1)).toBeLessThan(count);
    }
  });

  it('lists abandoned calls newest first with the tenant’s time, the masked caller, a reason other than a hang-up and when the caller rang again or was called back', () => {
    expect(abandonedRows(floor.abandoned)).toEqual([
      {
        key: `c-9|orders|${at('14:57:03')}`,
        time: '14:57:03',
        queue: 'orders',
        waitMs: 42_000,
        reason: undefined,
        caller: '***-****-5678',
        rangAgain: '14:58',
        calledBack: '14:59',
      },
      {
        key: `c-8|support|${at('14:40:00')}`,
        time: '14:40:00',
        queue: 'support',
        waitMs: 3_000,
        reason: 'timeout',
        caller: undefined,
        rangAgain: undefined,
        calledBack: undefined,
      },
    ]);
  });
});
