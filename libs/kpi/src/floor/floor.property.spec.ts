import fc from 'fast-check';
import type { CallEvent, Scope } from '@mieruka/contracts';
import { firstArrivals, streamArb, type Stream } from '../../../../tests/support/arbitraries';
import { createProjection, evolve, prune, snapshot } from '../projection';
import { startOfLocalDay } from '../zoned-time';
import { createFloor, floorView, foldFloor, pruneFloor } from './floor';

/** Small, so the random streams meet the bound. */
const LIMIT = 3;

/** Folded as LiveProjections folds: the floor takes what the projection counted. */
function foldAll(stream: Stream, events: readonly CallEvent[]) {
  const projection = createProjection(stream.settings);
  const floor = createFloor(stream.settings, { abandonedLimit: LIMIT });
  for (const e of events) if (evolve(projection, e)) foldFloor(floor, e);
  return { projection, floor };
}

function inScope(event: CallEvent, scope: Scope): boolean {
  if (scope === 'tenant') return true;
  const [dimension, value] = scope.split(':') as ['queue' | 'campaign' | 'team' | 'agent', string];
  const field = dimension === 'agent' ? event.agentId : event[dimension];
  return field === value;
}

describe('the floor, on random streams', () => {
  it('is the same whatever order distinct events arrive in', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), (stream, seed) => {
        const distinct = firstArrivals(stream.events);
        const n = seed % distinct.length;
        const rotated = [...distinct.slice(n), ...distinct.slice(0, n)];
        const expected = floorView(foldAll(stream, distinct).floor, stream.at, stream.scope);
        for (const order of [[...distinct].reverse(), rotated]) {
          expect(floorView(foldAll(stream, order).floor, stream.at, stream.scope)).toEqual(
            expected,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts a repeated id once, as its first arrival', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const { floor } = foldAll(stream, stream.events);
        const firsts = foldAll(stream, firstArrivals(stream.events)).floor;
        expect(floorView(floor, stream.at, stream.scope)).toEqual(
          floorView(firsts, stream.at, stream.scope),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('lists exactly the agents the snapshot counts, state by state', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const { projection, floor } = foldAll(stream, stream.events);
        const counts = { available: 0, on_call: 0, wrap: 0, not_ready: 0, break: 0 };
        for (const agent of Object.values(floorView(floor, stream.at, stream.scope).agents))
          counts[agent.state]++;
        expect(counts).toEqual(snapshot(projection, stream.at, stream.scope).live.agents);
      }),
      { numRuns: 300 },
    );
  });

  it('shows the newest abandoned calls of today: the last LIMIT known, up to `at`', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        const { floor } = foldAll(stream, stream.events);
        const { at, scope } = stream;
        const midnight = startOfLocalDay(at, stream.settings.tenant.timezone);
        const t = (e: CallEvent) => Date.parse(e.occurredAt);
        const kept = firstArrivals(stream.events)
          .filter((e) => e.tenant === 'default' && e.type === 'call.abandoned' && inScope(e, scope))
          .sort((a, b) => t(a) - t(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(-LIMIT);
        const expected = kept
          .filter((e) => t(e) >= midnight && t(e) <= at)
          .reverse()
          .map((e) => e.callId);
        expect(floorView(floor, at, scope).abandoned.map((a) => a.callId)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('prunes without changing a view of today, whatever arrives after', () => {
    fc.assert(
      fc.property(
        streamArb,
        fc.nat(),
        fc.integer({ min: 0, max: 2 * 86_400_000 }),
        (stream, split, back) => {
          const { settings, at, scope } = stream;
          const horizon = startOfLocalDay(at, settings.tenant.timezone) - back;
          const firsts = firstArrivals(stream.events);
          const cut = split % (firsts.length + 1);
          const pruned = foldAll(stream, firsts.slice(0, cut));
          pruneFloor(pruned.floor, horizon);
          prune(pruned.projection, horizon);
          for (const e of firsts.slice(cut))
            if (evolve(pruned.projection, e)) foldFloor(pruned.floor, e);
          pruneFloor(pruned.floor, horizon);
          const whole = floorView(foldAll(stream, firsts).floor, at, scope);
          const after = floorView(pruned.floor, at, scope);
          expect(after.abandoned).toEqual(whole.abandoned);
          // Each agent's state, team and since when, always.
          const strip = (view: typeof whole) =>
            Object.fromEntries(
              Object.entries(view.agents).map(([id, { call: _call, ...agent }]) => [id, agent]),
            );
          expect(strip(after)).toEqual(strip(whole));
          // The current call too, unless a call from before the horizon arrived after pruning
          // (a backfill of yesterday): the calls it could be compared with are forgotten.
          const lateOld = firsts
            .slice(cut)
            .some((e) => e.type === 'call.connected' && Date.parse(e.occurredAt) < horizon);
          if (!lateOld) expect(after).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});
