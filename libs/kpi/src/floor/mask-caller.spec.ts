import fc from 'fast-check';
import { maskCaller } from './mask-caller';

describe('maskCaller', () => {
  it.each([
    ['090-1234-5678', '***-****-5678'],
    ['09012345678', '*******5678'],
    ['+81 90 1234 5678', '+** ** **** 5678'],
    ['(03) 1234-5678', '(**) ****-5678'],
    ['  0120  444 444 ', '**** **4 444'],
    ['1234', '**34'],
    ['5', '*'],
  ])('%s → %s', (raw, masked) => {
    expect(maskCaller(raw)).toBe(masked);
  });

  it.each([
    [undefined],
    [''],
    ['   '],
    ['anonymous'],
    ['<unknown>'],
    ['sip:+819012345678@pbx.example'],
    ['client:alice'],
    ['+'],
    ['1'.repeat(33)],
  ])('shows nothing for %p, which is not a phone number', (raw) => {
    expect(maskCaller(raw)).toBeUndefined();
  });

  it('never shows more than the last four digits, nor more than half of them', () => {
    const phone = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 9 }).map(String), fc.constantFrom('-', ' ')), {
        minLength: 1,
        maxLength: 30,
      })
      .map((chars) => chars.join(''))
      .filter((text) => /\d/.test(text));
    fc.assert(
      fc.property(fc.boolean(), phone, (plus, number) => {
        const raw = plus ? `+${number}` : number;
        const masked = maskCaller(raw);
        const digits = raw.replace(/\D/g, '');
        const shown = (masked ?? '').replace(/\D/g, '');
        expect(masked).toBeDefined();
        expect(shown.length).toBeLessThanOrEqual(Math.min(4, Math.floor(digits.length / 2)));
        expect(digits.endsWith(shown)).toBe(true);
        expect(masked!.replace(/[^*\d]/g, '').length).toBe(digits.length);
      }),
      { numRuns: 500 },
    );
  });
});
