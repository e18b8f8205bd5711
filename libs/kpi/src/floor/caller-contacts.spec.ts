import { CallerContacts, callerKey } from './caller-contacts';

describe('callerKey', () => {
  it.each([
    ['090-1234-5678', '09012345678'],
    ['+81 90 1234 5678', '819012345678'],
    ['(03) 1111-2222', '0311112222'],
    [' 0311112222 ', '0311112222'],
  ])('reads %s as its digits', (raw, key) => {
    expect(callerKey(raw)).toBe(key);
  });

  it.each([
    [undefined],
    [''],
    ['anonymous'],
    ['<unknown>'],
    ['sip:+819012345678@pbx.example'],
    ['123'],
    ['1'.repeat(40)],
  ])('gives no key for %s', (raw) => {
    expect(callerKey(raw)).toBeUndefined();
  });
});

describe('CallerContacts', () => {
  it('answers the first contact after an instant and up to another, in any order added', () => {
    const contacts = new CallerContacts();
    for (const t of [300, 100, 200, 200]) contacts.add('k', t);
    expect(contacts.firstBetween('k', 100, 1_000)).toBe(200);
    expect(contacts.firstBetween('k', 99, 1_000)).toBe(100);
    expect(contacts.firstBetween('k', 200, 299)).toBeUndefined();
    expect(contacts.firstBetween('k', 300, 1_000)).toBeUndefined();
    expect(contacts.firstBetween('other', 0, 1_000)).toBeUndefined();
    contacts.prune(250);
    expect(contacts.firstBetween('k', 0, 1_000)).toBe(300);
    contacts.prune(301);
    expect(contacts.firstBetween('k', 0, 1_000)).toBeUndefined();
  });
});
