import { differences } from './golden';

describe('the golden comparison rules', () => {
  it('accepts equal values and floats within tolerance, ignores extra keys', () => {
    expect(
      differences({ a: 1, b: 0.1 + 0.2, c: null }, { a: 1, b: 0.3, c: null, extra: 5 }),
    ).toEqual([]);
    expect(differences({ x: 1e9 }, { x: 1e9 + 0.5 })).toEqual([]); // relative 1e-9 of 1e9 is 1
  });

  it('reports wrong counts, nulls, missing keys and extra dispositions', () => {
    expect(differences({ a: 1 }, { a: 2 })).toEqual(['.a: expected 1, got 2']);
    expect(differences({ r: null }, { r: 0 })).toEqual(['.r: expected null, got 0']);
    expect(differences({ r: 0.5 }, { r: 0.5001 })).toEqual(['.r: expected 0.5, got 0.5001']);
    expect(differences({ k: [{ id: 'a' }] }, { k: [] })).toEqual(['.k: expected 1 items, got 0']);
    expect(
      differences({ w: { dispositions: { sale: 1 } } }, { w: { dispositions: { sale: 1, x: 2 } } }),
    ).toEqual(['.w.dispositions.x: expected undefined, got 2']);
    expect(differences({ a: 1, b: 2 }, { a: 1 })).toEqual(['.b: missing']);
  });
});
