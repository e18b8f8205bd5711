import { isValidEventId, stableEventId } from './event-id';

describe('stableEventId', () => {
  it.each<[readonly (string | number)[], string]>([
    [
      ['asterisk-ami', '1764000000.6', 'support', 'offered'],
      'asterisk-ami:1764000000.6:support:offered',
    ],
    [['pbx', 'PJSIP/1001', 'on_call'], 'pbx:PJSIP_2f1001:on__call'],
    [['pbx', 'サポート'], 'pbx:_e3_82_b5_e3_83_9d_e3_83_bc_e3_83_88'],
    [['pbx', 'a:b'], 'pbx:a_3ab'],
    [['pbx', ''], 'pbx:_'],
    [['pbx', 1764000000000], 'pbx:1764000000000'],
  ])('%j → %s', (parts, expected) => {
    expect(stableEventId(...parts)).toBe(expected);
    expect(isValidEventId(expected)).toBe(true);
  });

  it('keeps different parts apart', () => {
    expect(stableEventId('a:b', 'c')).not.toBe(stableEventId('a', 'b:c'));
    expect(stableEventId('a_', '')).not.toBe(stableEventId('a', '_'));
  });

  it('shortens a long id with a digest, still valid and stable', () => {
    const id = stableEventId('x'.repeat(200), 'q');
    expect(id).toHaveLength(128);
    expect(isValidEventId(id)).toBe(true);
    expect(stableEventId('x'.repeat(200), 'q')).toBe(id);
    expect(stableEventId('x'.repeat(200), 'r')).not.toBe(id);
  });
});
