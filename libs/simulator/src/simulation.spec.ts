import { validateEvent, type CallEvent } from '@mieruka/contracts';
import fc from 'fast-check';
import { createSimulation, toNdjson, type SimulationOptions } from './index';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 24 November 2026, local midnight in Tokyo. */
const TOKYO_DAY = Date.parse('2026-11-24T00:00:00+09:00');

const tokyo = (overrides: Partial<SimulationOptions> = {}): SimulationOptions => ({
  seed: 1,
  tenant: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  start: TOKYO_DAY,
  ...overrides,
});

function run(options: SimulationOptions, until: number): CallEvent[] {
  return createSimulation(options).advance(until);
}

/** Every event is valid as ingest would see it, ids are unique, and the stream is ordered. */
function expectCanonical(events: readonly CallEvent[], currency: string, receivedAt: number): void {
  const ctx = { receivedAt, currencyOf: () => currency };
  const rejected = events
    .map((event) => ({ event, result: validateEvent(JSON.parse(JSON.stringify(event)), ctx) }))
    .filter(({ result }) => !result.ok)
    .slice(0, 3);
  expect(rejected).toEqual([]);
  expect(events.every((e) => e.source === 'simulator')).toBe(true);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  // Ordered by occurredAt, and ids sort in emission order: kpis.md orders same-instant agent
  // states by id.
  const disordered = events.filter((e, i) => {
    const prev = events[i - 1];
    return (
      prev !== undefined &&
      (Date.parse(prev.occurredAt) > Date.parse(e.occurredAt) || prev.id >= e.id)
    );
  });
  expect(disordered.slice(0, 3)).toEqual([]);
  expect(events.every((e) => e.occurredAt.endsWith('Z'))).toBe(true);
}

describe('createSimulation', () => {
  it('replays the same events for the same seed and options', () => {
    const a = run(tokyo(), TOKYO_DAY + 6 * HOUR + 12 * HOUR);
    const b = run(tokyo(), TOKYO_DAY + 6 * HOUR + 12 * HOUR);
    expect(a.length).toBeGreaterThan(5000);
    expect(b).toEqual(a);
  });

  it('produces different traffic (and different ids) for a different seed', () => {
    const a = run(tokyo({ seed: 1 }), TOKYO_DAY + 12 * HOUR);
    const b = run(tokyo({ seed: 2 }), TOKYO_DAY + 12 * HOUR);
    const strip = (events: CallEvent[]) =>
      events.map((e) => JSON.stringify({ ...e, id: undefined }));
    expect(strip(b)).not.toEqual(strip(a));
    const ids = new Set(a.map((e) => e.id));
    expect(b.some((e) => ids.has(e.id))).toBe(false);
  });

  it('gives identical events in 1-second steps and in one step', () => {
    const until = TOKYO_DAY + DAY;
    const whole = run(tokyo(), until);
    const sim = createSimulation(tokyo());
    const stepped: CallEvent[] = [];
    for (let t = TOKYO_DAY; t <= until; t += 1000) stepped.push(...sim.advance(t));
    expect(sim.now).toBe(until);
    expect(stepped).toEqual(whole);
  });

  it('gives identical events for any sequence of step sizes', () => {
    const from = TOKYO_DAY + 9 * HOUR;
    const until = from + 4 * HOUR;
    const whole = run(tokyo({ start: from }), until);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: HOUR }), { minLength: 1, maxLength: 60 }),
        (steps) => {
          const sim = createSimulation(tokyo({ start: from }));
          const got: CallEvent[] = [];
          let t = from;
          for (const step of steps) {
            t = Math.min(until, t + step);
            got.push(...sim.advance(t));
          }
          got.push(...sim.advance(until));
          expect(got).toEqual(whole);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('emits only canonical events for a day in Tokyo (JPY)', () => {
    const until = TOKYO_DAY + DAY;
    const events = run(tokyo(), until);
    expect(events.length).toBeGreaterThan(15_000);
    expectCanonical(events, 'JPY', until);
    const amounts = events.flatMap((e) => (e.type === 'order.confirmed' ? [e.amount] : []));
    expect(amounts.length).toBeGreaterThan(100);
    expect(amounts.every(Number.isInteger)).toBe(true);
  });

  it('emits only canonical events across the end of DST in New York (USD)', () => {
    // Saturday 31 October to Monday 2 November 2026; clocks go back on Sunday 1 November.
    const start = Date.parse('2026-10-31T00:00:00-04:00');
    const until = start + 3 * DAY + HOUR;
    const events = run(
      { seed: 7, tenant: 'acme-us', timezone: 'America/New_York', currency: 'USD', start },
      until,
    );
    expectCanonical(events, 'USD', until);
    const amounts = events.flatMap((e) => (e.type === 'order.confirmed' ? [e.amount] : []));
    expect(amounts.some((a) => !Number.isInteger(a))).toBe(true);
    expect(amounts.every((a) => Math.round(a * 100) / 100 === a)).toBe(true);
  });

  it('logs agents on shift in at the start, so a 14:00 start shows a staffed floor', () => {
    const start = TOKYO_DAY + 14 * HOUR;
    const first = createSimulation(tokyo({ start })).advance(start);
    const states = first.filter((e) => e.type === 'agent.state');
    expect(states.length).toBeGreaterThanOrEqual(35);
    expect(
      states.filter((e) => e.type === 'agent.state' && e.state === 'available').length,
    ).toBeGreaterThanOrEqual(25);
    expect(states.every((e) => e.type === 'agent.state' && e.state !== 'logged_out')).toBe(true);
  });

  it('scales traffic with rate and stands still at rate 0', () => {
    const until = TOKYO_DAY + DAY;
    // One day at each rate, counted twice: the day is the cost, not the count.
    const count = (rate: number) => {
      const events = run(tokyo({ rate }), until);
      const of = (type: CallEvent['type']) => events.filter((e) => e.type === type).length;
      return { offered: of('call.offered'), dialed: of('call.dialed') };
    };
    const [once, twice] = [count(1), count(2)];
    expect(twice.offered / once.offered).toBeGreaterThan(1.7);
    expect(twice.offered / once.offered).toBeLessThan(2.3);
    expect(twice.dialed).toBeGreaterThan(once.dialed);
    const idle = run(tokyo({ rate: 0 }), until);
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((e) => e.type === 'agent.state')).toBe(true);
  });

  it('applies profile overrides', () => {
    const until = TOKYO_DAY + DAY;
    const events = run(
      tokyo({
        profile: {
          queues: [{ id: 'billing', callsPerDay: 600 }],
          campaigns: [],
          shifts: [{ start: '09:00', hours: 9, days: [1, 2, 3, 4, 5], agents: 6 }],
        },
      }),
      until,
    );
    const queues = new Set(
      events.flatMap((e) => ('queue' in e && e.queue !== undefined ? [e.queue] : [])),
    );
    expect([...queues]).toEqual(['billing']);
    expect(events.some((e) => e.type === 'call.dialed')).toBe(false);
    const agents = new Set(events.flatMap((e) => (e.type === 'agent.state' ? [e.agentId] : [])));
    expect([...agents].sort()).toEqual([
      'in-001',
      'in-002',
      'in-003',
      'in-004',
      'in-005',
      'in-006',
    ]);

    const impatient = run(tokyo({ profile: { patienceMeanMs: 5_000 } }), until);
    const share = (evs: CallEvent[]) =>
      evs.filter((e) => e.type === 'call.abandoned').length /
      evs.filter((e) => e.type === 'call.offered').length;
    expect(share(impatient)).toBeGreaterThan(share(run(tokyo(), until)));
  });

  it('rejects options it cannot simulate, naming the field', () => {
    expect(() => createSimulation(tokyo({ timezone: 'Mars/Olympus' }))).toThrow(RangeError);
    expect(() => createSimulation(tokyo({ tenant: 'Not A Tenant' }))).toThrow(/tenant/);
    expect(() => createSimulation(tokyo({ currency: 'yen' }))).toThrow(/currency/);
    expect(() => createSimulation(tokyo({ seed: 1.5 }))).toThrow(/seed/);
    expect(() => createSimulation(tokyo({ rate: -1 }))).toThrow(/rate/);
    expect(() => createSimulation(tokyo({ profile: { fcr: 1.5 } }))).toThrow(/profile\.fcr/);
    expect(() =>
      createSimulation(
        tokyo({
          profile: {
            shifts: [{ start: '09:00', hours: 9, days: [1], agents: 1, campaign: 'nope' }],
          },
        }),
      ),
    ).toThrow(/profile\.shifts\[0\]\.campaign/);
    expect(() =>
      createSimulation(tokyo({ profile: { queues: [{ id: 'x', skus: ['NOPE-1'] }] } })),
    ).toThrow(/NOPE-1/);
  });

  it('does not go back in time', () => {
    const sim = createSimulation(tokyo());
    sim.advance(TOKYO_DAY + HOUR);
    expect(sim.advance(TOKYO_DAY)).toEqual([]);
    expect(sim.now).toBe(TOKYO_DAY + HOUR);
  });
});

describe('toNdjson', () => {
  it('writes one JSON event a line', () => {
    const events = run(tokyo(), TOKYO_DAY + 10 * HOUR);
    const text = toNdjson(events);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(events);
    expect(toNdjson([])).toBe('');
  });
});
