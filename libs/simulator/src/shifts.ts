/**
 * One agent's working day: when they log in and out, and the breaks and not-ready sessions
 * planned in between. Plans are drawn once per agent and day; the simulation then follows them,
 * late where a call runs over (a break never cuts a call short).
 */
import {
  HOUR_MS,
  MINUTE_MS,
  parseClock,
  weekdayOf,
  type LocalDate,
  type LocalTime,
} from './local-time';
import type { ShiftProfile } from './profile';
import { chance, pick, uniform, type Rng } from './random';

export interface AuxPlan {
  /** Planned start; taken later if the agent is busy then. */
  readonly start: number;
  readonly durationMs: number;
  readonly state: 'break' | 'not_ready';
  readonly reason: string;
}

export interface ShiftPlan {
  readonly login: number;
  readonly logout: number;
  /** Sorted by start, never overlapping. */
  readonly items: readonly AuxPlan[];
}

export interface BreakRules {
  readonly lunchMinutes: number;
  readonly restMinutes: number;
  readonly notReadyShare: number;
}

const NOT_READY_REASONS = ['training', 'meeting', 'coaching'] as const;

/**
 * The plan for the shift `shift` starting on local `date`, or undefined when the shift does not
 * run that weekday. `ordinal` staggers lunches so that a team does not leave the floor at once.
 */
export function planShift(
  shift: ShiftProfile,
  ordinal: number,
  date: LocalDate,
  local: LocalTime,
  rng: Rng,
  rules: BreakRules,
): ShiftPlan | undefined {
  if (!shift.days.includes(weekdayOf(date))) return undefined;
  const begin = local.toEpoch(date, parseClock(shift.start, 'shift.start'));
  // Shift length is working time, so it is added in absolute time (a night shift across a DST
  // change still lasts its hours).
  const end = begin + shift.hours * HOUR_MS;
  const login = begin - Math.round(uniform(rng, 0, 8 * MINUTE_MS));
  const logout = end + Math.round(uniform(rng, 0, 4 * MINUTE_MS));

  const items: AuxPlan[] = [];
  const add = (start: number, minutes: number, state: AuxPlan['state'], reason: string) => {
    if (minutes > 0)
      items.push({
        start: Math.round(start),
        durationMs: Math.round(minutes * MINUTE_MS),
        state,
        reason,
      });
  };
  if (shift.hours >= 4) {
    add(
      begin + 2 * HOUR_MS + uniform(rng, -20, 20) * MINUTE_MS,
      rules.restMinutes * uniform(rng, 0.8, 1.1),
      'break',
      'rest',
    );
  }
  if (shift.hours >= 6) {
    const stagger = ((ordinal % 5) - 2) * 20 * MINUTE_MS;
    const middle = begin + (shift.hours * HOUR_MS) / 2 - (rules.lunchMinutes * MINUTE_MS) / 2;
    add(middle + stagger + uniform(rng, -5, 5) * MINUTE_MS, rules.lunchMinutes, 'break', 'lunch');
  }
  if (shift.hours >= 7) {
    add(
      end - 2 * HOUR_MS + uniform(rng, -20, 20) * MINUTE_MS,
      rules.restMinutes * uniform(rng, 0.8, 1.1),
      'break',
      'rest',
    );
  }
  if (shift.hours >= 3 && chance(rng, rules.notReadyShare)) {
    const start = uniform(rng, begin + HOUR_MS, end - 1.5 * HOUR_MS);
    add(start, uniform(rng, 15, 45), 'not_ready', pick(rng, NOT_READY_REASONS));
  }

  items.sort((a, b) => a.start - b.start);
  // Keep 10 minutes of floor time between sessions and finish them before the shift ends;
  // a session that does not fit is simply not held today.
  const kept: AuxPlan[] = [];
  for (const item of items) {
    const previous = kept[kept.length - 1];
    const clear =
      previous === undefined || item.start >= previous.start + previous.durationMs + 10 * MINUTE_MS;
    if (clear && item.start >= begin && item.start + item.durationMs <= end) kept.push(item);
  }
  return { login, logout, items: kept };
}
