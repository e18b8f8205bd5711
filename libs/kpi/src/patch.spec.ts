import fc from 'fast-check';
import { applyPatch, diff } from './patch';

describe('diff and applyPatch', () => {
  it('patches one snapshot into the next, whatever they hold', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (before, after) => {
        expect(applyPatch(before, diff(before, after))).toEqual(after);
        // As it travels: through JSON (which has no -0, so compare JSON values).
        const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
        const [b, a] = [json(before), json(after)];
        expect(applyPatch(b, json(diff(b, a)))).toEqual(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('names only what changed', () => {
    const before = { windows: { today: { offered: 3, serviceLevel: 0.5 } }, kgis: [{ actual: 1 }] };
    const after = { windows: { today: { offered: 4, serviceLevel: 0.5 } }, kgis: [{ actual: 2 }] };
    expect(diff(before, after)).toEqual([
      [['windows', 'today', 'offered'], 4],
      [['kgis', 0, 'actual'], 2],
    ]);
    expect(diff(after, after)).toEqual([]);
    expect(diff({ a: 1, b: 2 }, { a: 1 })).toEqual([[['b']]]);
    expect(before.windows.today.offered).toBe(3);
  });
});
