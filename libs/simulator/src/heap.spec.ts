import fc from 'fast-check';
import { Agenda } from './heap';

describe('Agenda', () => {
  it('pops by time, and in insertion order within the same time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const agenda = new Agenda<number>();
        times.forEach((time, i) => agenda.push(time, i));
        const popped: number[] = [];
        for (let e = agenda.pop(); e; e = agenda.pop()) popped.push(e.value);
        const expected = times
          .map((time, i) => ({ time, i }))
          .sort((a, b) => a.time - b.time || a.i - b.i);
        expect(popped).toEqual(expected.map((e) => e.i));
        expect(agenda.size).toBe(0);
        expect(agenda.peekTime()).toBeUndefined();
      }),
    );
  });
});
