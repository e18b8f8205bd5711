import { bearerToken, clientAddress, digest, kindOf, tracker } from './trackers';

describe('trackers', () => {
  it('reads a bearer token the way the guards do', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   mdt_123')).toBe('mdt_123');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerToken('Bearer two words')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(['Bearer a'])).toBeUndefined();
  });

  it('counts IPv4-mapped addresses as IPv4 and IPv6 clients by their /64', () => {
    expect(clientAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(clientAddress('2001:db8:1:2:aaaa::1')).toBe(clientAddress('2001:db8:1:2:bbbb::9'));
    expect(clientAddress('2001:db8:1:2::1')).not.toBe(clientAddress('2001:db8:1:3::1'));
    expect(clientAddress(undefined)).toBe('unknown');
  });

  it('keeps the kind in front and the secret out', () => {
    const id = tracker('key', digest('test-key-0123456789abcdef'));
    expect(kindOf(id)).toBe('key');
    expect(id).not.toContain('test-key');
    expect(id).toMatch(/^key:[0-9a-f]{32}$/);
    expect(kindOf(tracker('credential', 'x'))).toBe('credential');
    expect(kindOf(tracker('address', '10.1.2.3'))).toBe('address');
  });
});
