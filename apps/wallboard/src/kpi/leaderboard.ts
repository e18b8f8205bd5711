import type { Leader, LeaderMetric } from '@mieruka/contracts';
import type { HistoryKpi } from './kpi-keys';

/** One row of a leaderboard: its rank (ties share one), who, and the number ranked by. */
export interface LeaderRow {
  readonly rank: number;
  /** The agent id, or undefined when names are hidden (the screen then says "Agent 3"). */
  readonly agentId: string | undefined;
  /** The display name the admin set, else the agent id; undefined when names are hidden. */
  readonly name: string | undefined;
  readonly value: number;
}

export interface LeaderboardChoice {
  readonly by: LeaderMetric;
  readonly top: number;
  readonly hideNames: boolean;
}

/** The history a leaderboard opens, by agent: the KPI behind the number it ranks by. */
export const LEADER_HISTORY_KPI: Record<LeaderMetric, HistoryKpi> = {
  // Appointments are wraps with that disposition: the drill-down shows wraps by disposition.
  appointments: 'wrapped',
  orders: 'orders',
  revenue: 'revenue',
  connects: 'connectedOutbound',
};

/** A leaderboard tile without options: the top 10 by appointments, with names (wallboard.ts). */
export const DEFAULT_LEADERBOARD: LeaderboardChoice = {
  by: 'appointments',
  top: 10,
  hideNames: false,
};

/**
 * The top agents of a scope today by one number, best first: only agents above zero (an agent
 * who made no appointment is not on an appointments board), ties sharing a rank (1, 1, 3) and
 * listed by name. With `hideNames` the rows carry neither name nor id.
 */
export function leaderRows(
  leaders: Readonly<Record<string, Leader>> | undefined,
  choice: LeaderboardChoice,
  names: Readonly<Record<string, string>> = {},
): LeaderRow[] {
  const nameOf = (id: string): string => (Object.hasOwn(names, id) ? names[id]! : id);
  const ranked = Object.entries(leaders ?? {})
    .map(([id, leader]) => ({ id, name: nameOf(id), value: leader[choice.by] }))
    .filter((r) => r.value > 0)
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const rows: LeaderRow[] = [];
  for (const [i, r] of ranked.slice(0, choice.top).entries()) {
    const previous = rows[i - 1];
    const rank = previous && previous.value === r.value ? previous.rank : i + 1;
    rows.push({
      rank,
      agentId: choice.hideNames ? undefined : r.id,
      name: choice.hideNames ? undefined : r.name,
      value: r.value,
    });
  }
  return rows;
}
