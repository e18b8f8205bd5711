import fc from 'fast-check';
import type { CallEvent, Scope } from '@mieruka/contracts';
import { firstArrivals, streamArb, type Stream } from '../../../../tests/support/arbitraries';
import { listStreamArb } from '../../../../tests/support/list-arbitraries';
import {
  createFloor,
  createProjection,
  evolve,
  floorView,
  foldFloor,
  prune,
  pruneFloor,
  snapshot,
  startOfLocalDay,
  type LiveState,
} from '@mieruka/kpi';
import { restoreCheckpoint, takeCheckpoint } from './live-checkpoint';

const HOUR = 3_600_000;

function fresh(stream: Stream): LiveState {
  return {
    projection: createProjection(stream.settings),
    // Small, so the random streams meet the bound.
    floor: createFloor(stream.settings, { abandonedLimit: 3 }),
  };
}

/** Folded as LiveProjections folds: the floor takes what the projection counted. */
function fold(state: LiveState, events: readonly CallEvent[]): void {
  for (const e of events) if (evolve(state.projection, e)) foldFloor(state.floor, e);
}

/** Out through the bytes and back, as a restart does. */
function restart(state: LiveState, stream: Stream): LiveState {
  const checkpoint = takeCheckpoint(state, { seq: 1, takenAt: stream.at });
  return restoreCheckpoint(checkpoint, stream.settings);
}

function scopesOf(events: readonly CallEvent[]): Scope[] {
  const scopes = new Set<Scope>(['tenant']);
  for (const e of events) {
    if (e.queue !== undefined) scopes.add(`queue:${e.queue}`);
    if (e.campaign !== undefined) scopes.add(`campaign:${e.campaign}`);
    if (e.team !== undefined) scopes.add(`team:${e.team}`);
    if (e.agentId !== undefined) scopes.add(`agent:${e.agentId}`);
  }
  return [...scopes];
}

/** Every scope's snapshot and floor at several instants around the stream's. */
function views(state: LiveState, stream: Stream): unknown[] {
  const out: unknown[] = [];
  for (const now of [stream.at - 5 * HOUR, stream.at, stream.at + 2 * HOUR]) {
    for (const scope of scopesOf(stream.events)) {
      out.push(snapshot(state.projection, now, scope), floorView(state.floor, now, scope));
    }
  }
  return out;
}

/** Up to three restart points in the arrival order (any index: mid-batch too), sorted. */
const cutsArb = fc.array(fc.nat(), { minLength: 1, maxLength: 3 });

function cutPoints(cuts: readonly number[], length: number): number[] {
  return cuts.map((c) => c % (length + 1)).sort((a, b) => a - b);
}

describe('a checkpoint of the live fold, on random streams', () => {
  for (const [name, arb] of [
    ['calls, states and orders', streamArb],
    ['outbound lists', listStreamArb],
  ] as const) {
    it(`restored and fed the rest, with an overlap re-delivered, equals a full refold (${name})`, () => {
      fc.assert(
        fc.property(arb, cutsArb, fc.nat({ max: 10 }), (stream, cuts, overlap) => {
          const expected = fresh(stream);
          fold(expected, stream.events);
          let state = fresh(stream);
          let done = 0;
          for (const cut of cutPoints(cuts, stream.events.length)) {
            fold(state, stream.events.slice(done, cut));
            state = restart(state, stream);
            // The tail read overlaps what the checkpoint holds: those ids count once.
            done = cut;
            fold(state, stream.events.slice(Math.max(0, done - overlap), done));
          }
          fold(state, stream.events.slice(done));
          expect(views(state, stream)).toEqual(views(expected, stream));
        }),
        { numRuns: 40 },
      );
    });
  }

  it('restored across local midnights and pruned to each new horizon, as the live code does, equals the same fold without restarts', () => {
    fc.assert(
      fc.property(
        streamArb,
        cutsArb,
        fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 }), { minLength: 3, maxLength: 3 }),
        fc.nat({ max: 10 }),
        (stream, cuts, backs, overlap) => {
          const zone = stream.settings.tenant.timezone;
          const events = firstArrivals(stream.events);
          // Restart instants from up to three days before the stream's `at`, moving forward.
          const nows = backs.map((b) => stream.at - b).sort((a, b) => a - b);
          const horizonAt = (now: number) => startOfLocalDay(startOfLocalDay(now, zone) - 1, zone);
          const plain = fresh(stream);
          let state = fresh(stream);
          let done = 0;
          cutPoints(cuts, events.length).forEach((cut, i) => {
            const batch = events.slice(done, cut);
            fold(plain, batch);
            fold(state, batch);
            state = restart(state, stream);
            const horizon = horizonAt(nows[i]!);
            for (const s of [plain, state]) {
              prune(s.projection, horizon);
              pruneFloor(s.floor, horizon);
            }
            // The store re-delivers the overlap only at or after the horizon (older ids are
            // forgotten by then, and the tail read leaves them out).
            const again = events
              .slice(Math.max(0, cut - overlap), cut)
              .filter((e) => Date.parse(e.occurredAt) >= horizon);
            fold(state, again);
            fold(plain, again);
            done = cut;
          });
          fold(plain, events.slice(done));
          fold(state, events.slice(done));
          expect(views(state, stream)).toEqual(views(plain, stream));
        },
      ),
      { numRuns: 40 },
    );
  });
});
