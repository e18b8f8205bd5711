import fc from 'fast-check';
import { alertRuleSchema, type AlertRule } from '@mieruka/contracts';
import {
  INITIAL_RULE_STATE,
  isBreached,
  stepRule,
  type AlertKind,
  type RuleState,
} from './rule-state';
import { inQuietHours } from './quiet-hours';

const TOKYO = 'Asia/Tokyo';
// Tuesday 2026-12-01 10:00 in Tokyo.
const T0 = Date.parse('2026-12-01T10:00:00+09:00');

function rule(over: Partial<AlertRule> = {}): AlertRule {
  return alertRuleSchema.parse({
    id: 'r',
    name: 'Queue',
    metric: 'live.inQueue',
    op: 'above',
    threshold: 5,
    cooldownMs: 60_000,
    channels: ['c'],
    ...over,
  });
}

/** Feeds values at times; the messages sent, with when. */
function run(r: AlertRule, steps: readonly [at: number, value: number | null][]) {
  let state: RuleState = INITIAL_RULE_STATE;
  const sent: [number, AlertKind][] = [];
  for (const [at, value] of steps) {
    const result = stepRule(state, r, value, at, TOKYO);
    state = result.state;
    if (result.notify) sent.push([at, result.notify]);
  }
  return { sent, state };
}

describe('stepRule', () => {
  it('sends a breach once, then its clearing', () => {
    const { sent } = run(rule({ cooldownMs: 0 }), [
      [T0, 3],
      [T0 + 1000, 6],
      [T0 + 2000, 9],
      [T0 + 3000, 2],
      [T0 + 4000, 1],
    ]);
    expect(sent).toEqual([
      [T0 + 1000, 'breach'],
      [T0 + 3000, 'clear'],
    ]);
  });

  it('sends a flapping number once per cool-down, then the state it settles in', () => {
    const { sent } = run(rule(), [
      [T0, 6],
      [T0 + 10_000, 2],
      [T0 + 20_000, 7],
      [T0 + 30_000, 1],
      [T0 + 40_000, 8],
      [T0 + 70_000, 8],
      [T0 + 80_000, 1],
      [T0 + 90_000, 1],
    ]);
    // Four crossings within the minute: one message; the clearing once the minute is over.
    expect(sent).toEqual([
      [T0, 'breach'],
      [T0 + 80_000, 'clear'],
    ]);
  });

  it('holds a change back in quiet hours (tenant time) and sends it after, if it still stands', () => {
    const quiet = rule({ cooldownMs: 0, quietHours: { from: '22:00', to: '07:00' } });
    const night = Date.parse('2026-12-01T23:30:00+09:00');
    const morning = Date.parse('2026-12-02T07:00:00+09:00');
    expect(run(quiet, [[night, 9]]).sent).toEqual([]);
    expect(
      run(quiet, [
        [night, 9],
        [morning, 9],
      ]).sent,
    ).toEqual([[morning, 'breach']]);
    // Breached and cleared within the night: nobody is told.
    expect(
      run(quiet, [
        [night, 9],
        [night + 60_000, 1],
        [morning, 1],
      ]).sent,
    ).toEqual([]);
  });

  it('judges no number as no change', () => {
    expect(
      run(rule({ cooldownMs: 0 }), [
        [T0, 9],
        [T0 + 1, null],
      ]).sent,
    ).toEqual([[T0, 'breach']]);
    expect(isBreached({ op: 'below', threshold: 0.8 }, 0.5)).toBe(true);
    expect(isBreached({ op: 'below', threshold: 0.8 }, null)).toBeUndefined();
  });

  it('sends nothing for a disabled rule', () => {
    expect(run(rule({ enabled: false }), [[T0, 9]]).sent).toEqual([]);
  });

  const steps = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 600_000 }), fc.option(fc.integer({ min: 0, max: 10 }))),
    { maxLength: 60 },
  );
  const rules = fc.record({
    cooldownMs: fc.integer({ min: 0, max: 300_000 }),
    quiet: fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }))),
  });

  it('alternates breach and clear, starting with a breach, never within the cool-down or quiet hours', () => {
    fc.assert(
      fc.property(steps, rules, (gaps, { cooldownMs, quiet }) => {
        const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
        const r = rule({
          cooldownMs,
          ...(quiet ? { quietHours: { from: hh(quiet[0]), to: hh(quiet[1]) } } : {}),
        });
        let at = T0;
        const timeline = gaps.map(([gap, value]): [number, number | null] => [(at += gap), value]);
        const { sent } = run(r, timeline);
        sent.forEach(([when, kind], i) => {
          expect(kind).toBe(i % 2 === 0 ? 'breach' : 'clear');
          expect(inQuietHours(r.quietHours, when, TOKYO)).toBe(false);
          const before = sent[i - 1];
          if (before) expect(when - before[0]).toBeGreaterThanOrEqual(cooldownMs);
        });
      }),
    );
  });

  it('tells the state that stands once a quiet, unbroken stretch passes the cool-down', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 10 }), (gaps, last) => {
        const r = rule();
        let at = T0;
        const timeline = gaps.map(([gap, value]): [number, number | null] => [(at += gap), value]);
        timeline.push([at + 1, last], [at + 1 + r.cooldownMs, last]);
        const { state } = run(r, timeline);
        expect(state.notified).toBe(last > r.threshold);
      }),
    );
  });
});
