import type { AlertRule } from '@mieruka/contracts';
import { inQuietHours } from './quiet-hours';

export type AlertKind = 'breach' | 'clear';

/** What one rule remembers between evaluations. */
export interface RuleState {
  /** Whether its number was past the threshold when last seen. */
  readonly breached: boolean;
  /** What people were last told: breached (true) or clear (false, also before any message). */
  readonly notified: boolean;
  /** When the last message went out; null before the first. */
  readonly notifiedAt: number | null;
}

export const INITIAL_RULE_STATE: RuleState = { breached: false, notified: false, notifiedAt: null };

export interface StepResult {
  readonly state: RuleState;
  /** The message to send now, if any. */
  readonly notify?: AlertKind;
}

/** Breached or not by this value; undefined when there is no number to judge. */
export function isBreached(
  rule: Pick<AlertRule, 'op' | 'threshold'>,
  value: number | null,
): boolean | undefined {
  if (value === null) return undefined;
  return rule.op === 'above' ? value > rule.threshold : value < rule.threshold;
}

/**
 * One evaluation of a rule at `at`. A message goes out only when what people were last told
 * differs from how things stand (de-duplication: a breach is announced once, however many
 * evaluations see it), the rule's cool-down since the last message has passed (a number
 * flapping across its threshold sends once per cool-down, and the state it settles in after),
 * and `at` is outside the rule's quiet hours in the tenant's zone. A change held back by the
 * cool-down or the quiet hours is sent at the first evaluation after them, if it still stands;
 * one that undid itself meanwhile is never sent. A disabled rule keeps watching silently.
 */
export function stepRule(
  state: RuleState,
  rule: AlertRule,
  value: number | null,
  at: number,
  timeZone: string,
): StepResult {
  const breached = isBreached(rule, value) ?? state.breached;
  const watched: RuleState = { ...state, breached };
  if (!rule.enabled || breached === state.notified) return { state: watched };
  if (state.notifiedAt !== null && at - state.notifiedAt < rule.cooldownMs)
    return { state: watched };
  if (inQuietHours(rule.quietHours, at, timeZone)) return { state: watched };
  return {
    state: { breached, notified: breached, notifiedAt: at },
    notify: breached ? 'breach' : 'clear',
  };
}
