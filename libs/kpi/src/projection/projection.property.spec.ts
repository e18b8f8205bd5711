import fc from 'fast-check';
import type { CallEvent } from '@mieruka/contracts';
import { streamArb } from '../../../../tests/support/arbitraries';
import { createProjection, evolve, snapshot } from './projection';

function foldAll(events: readonly CallEvent[], settings: Parameters<typeof createProjection>[0]) {
  const projection = createProjection(settings);
  for (const event of events) evolve(projection, event);
  return projection;
}

describe('the live fold, on random streams', () => {
  it('gives the same snapshot whatever order distinct events arrive in', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), (stream, seed) => {
        // First occurrences only: then arrival order must not matter at all.
        const seen = new Set<string>();
        const distinct = stream.events.filter((e) => !seen.has(e.id) && seen.add(e.id));
        const reversed = [...distinct].reverse();
        const rotated = [
          ...distinct.slice(seed % distinct.length),
          ...distinct.slice(0, seed % distinct.length),
        ];
        const expected = snapshot(foldAll(distinct, stream.settings), stream.at, stream.scope);
        expect(snapshot(foldAll(reversed, stream.settings), stream.at, stream.scope)).toEqual(
          expected,
        );
        expect(snapshot(foldAll(rotated, stream.settings), stream.at, stream.scope)).toEqual(
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('counts a repeated id once, as its first arrival', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const seen = new Set<string>();
        const firsts = stream.events.filter((e) => !seen.has(e.id) && seen.add(e.id));
        expect(snapshot(foldAll(stream.events, stream.settings), stream.at, stream.scope)).toEqual(
          snapshot(foldAll(firsts, stream.settings), stream.at, stream.scope),
        );
      }),
      { numRuns: 200 },
    );
  });
});
