import type { AgentState } from '@mieruka/contracts';
import type { BaseOptions } from './types';

/** Settings shared by the two Asterisk adapters (AMI and queue_log). */
export interface AsteriskOptions extends BaseOptions {
  /** Member name or interface (`Alice`, `PJSIP/1001`) → canonical agent id; else used as is. */
  readonly agentIds?: Readonly<Record<string, string>>;
  /**
   * The queue's `wrapuptime`: Asterisk reports no wrap-up, so `call.wrapped.wrapMs` is this
   * setting (one number, or per queue); 0 when left out.
   */
  readonly wrapupMs?: number | Readonly<Record<string, number>>;
  /** `call.wrapped.disposition` (Asterisk has none); `completed` when left out. */
  readonly disposition?: string;
  /** Pause reasons counted as `break` (case-insensitive); any other pause is `not_ready`. */
  readonly breakReasons?: readonly string[];
}

export const DEFAULT_BREAK_REASONS = ['break', 'lunch', 'rest'];

export function agentIdOf(options: AsteriskOptions, member: string): string {
  return options.agentIds?.[member] ?? member;
}

export function wrapupMsOf(options: AsteriskOptions, queue: string): number {
  const w = options.wrapupMs;
  if (w === undefined) return 0;
  if (typeof w === 'number') return w;
  return w[queue] ?? 0;
}

export function pauseState(options: AsteriskOptions, reason: string | undefined): AgentState {
  const breaks = (options.breakReasons ?? DEFAULT_BREAK_REASONS).map((r) => r.toLowerCase());
  return reason !== undefined && breaks.includes(reason.trim().toLowerCase())
    ? 'break'
    : 'not_ready';
}
