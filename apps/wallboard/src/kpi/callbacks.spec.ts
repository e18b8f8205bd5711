import { describe, expect, it } from '@jest/globals';
import type { AbandonedCall } from '@mieruka/contracts';
import { callbackRows, callbackScope, canReveal } from './callbacks';

const call = (callId: string, fields: Partial<AbandonedCall> = {}): AbandonedCall => ({
  callId,
  at: '2026-11-24T10:00:05.000+09:00',
  queue: 'support',
  waitMs: 40_000,
  reason: 'caller_hangup',
  ...fields,
});

describe('the call-back queue', () => {
  it('keeps the floor’s order and times, each row with its call and any number shown', () => {
    const rows = callbackRows(
      [
        call('c-2', { caller: '***-****-5678', rangAgainAt: '2026-11-24T10:12:00.000+09:00' }),
        call('c-1', { calledBackAt: '2026-11-24T10:30:59.000+09:00', reason: 'timeout' }),
      ],
      new Map([['c-2', '090-1234-5678']]),
    );
    expect(
      rows.map((r) => [
        r.callId,
        r.time,
        r.caller,
        r.revealed,
        r.rangAgain,
        r.calledBack,
        r.reason,
      ]),
    ).toEqual([
      ['c-2', '10:00:05', '***-****-5678', '090-1234-5678', '10:12', undefined, undefined],
      ['c-1', '10:00:05', undefined, undefined, undefined, '10:30', 'timeout'],
    ]);
  });

  it('offers the number to managers and admins only', () => {
    expect([canReveal('admin'), canReveal('manager'), canReveal('supervisor')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(canReveal(undefined)).toBe(false);
  });

  it('reads the page’s scope, or a limited supervisor’s own first scope', () => {
    expect(callbackScope('tenant', [])).toBe('tenant');
    expect(callbackScope('queue:support', [])).toBe('queue:support');
    expect(callbackScope('tenant', ['team:red', 'team:blue'])).toBe('team:red');
    expect(callbackScope('team:blue', ['team:red', 'team:blue'])).toBe('team:blue');
  });
});
