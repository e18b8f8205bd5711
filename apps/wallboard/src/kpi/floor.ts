import type { AbandonReason, AbandonedCall, Floor, LiveAgentState } from '@mieruka/contracts';

/**
 * The floor tiles' reading of a room's floor (docs/wallboard.md): pure functions of the data
 * and the server's clock, so the tests pin what a screen shows.
 */

/** On the phone first, then who can take a call, then who cannot. */
export const GRID_ORDER: readonly LiveAgentState[] = [
  'on_call',
  'wrap',
  'available',
  'not_ready',
  'break',
];

/** More cells than this are unreadable from across the room: the rest is counted, not drawn. */
export const MAX_GRID_CELLS = 60;

/** What a room view needs for the server's clock (RoomView has these). */
export interface Timing {
  /** Server time the data was taken at (epoch ms). */
  readonly serverTime: number;
  /** When it arrived, on this screen's monotonic clock. */
  readonly receivedAt: number;
}

/**
 * The server's clock now: its time when the data was taken plus the time since it arrived on
 * this screen's monotonic clock — never the TV's wall clock, which is often wrong. Frozen while
 * stale: a duration that keeps growing would pretend to be live.
 */
export function serverNow(timing: Timing, now: number, stale: boolean): number {
  return timing.serverTime + (stale ? 0 : Math.max(0, now - timing.receivedAt));
}

/** `14:02:31` from a local ISO instant: the tenant's wall clock, whatever this screen's zone. */
export function localClock(iso: string): string {
  return /T(\d{2}:\d{2}:\d{2})/.exec(iso)?.[1] ?? '—';
}

export interface AgentRow {
  readonly agentId: string;
  readonly team: string | undefined;
  readonly state: LiveAgentState;
  readonly inStateMs: number;
  /** Not ready or on a break: why, as the source said (離席理由). */
  readonly reason: string | undefined;
  /** While on a call or in wrap-up: the queue or campaign, and when it was connected (HH:MM). */
  readonly call: { readonly where: string; readonly since: string } | undefined;
  /** Rings the agent let go unanswered today (0 when none): who keeps calls waiting. */
  readonly missedRings: number;
}

/**
 * The agents in grid order — by state, the longest in it first (who has been on break for
 * 40 minutes stands out), then by id — with their time in state at `at` (server clock).
 */
export function agentRows(floor: Floor, at: number): AgentRow[] {
  const rank = new Map(GRID_ORDER.map((s, i) => [s, i]));
  return Object.entries(floor.agents)
    .map(([agentId, agent]) => ({
      agentId,
      team: agent.team,
      state: agent.state,
      inStateMs: Math.max(0, at - Date.parse(agent.since)),
      reason: agent.reason,
      missedRings: agent.missedRings ?? 0,
      call: agent.call
        ? {
            where: agent.call.queue ?? agent.call.campaign ?? agent.call.direction,
            // Minutes are enough for when a call began, and leave room for the queue's name.
            since: localClock(agent.call.since).slice(0, 5),
          }
        : undefined,
    }))
    .sort(
      (a, b) =>
        (rank.get(a.state) ?? 0) - (rank.get(b.state) ?? 0) ||
        b.inStateMs - a.inStateMs ||
        (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
    );
}

/**
 * Columns and rows for `count` cells in a tile of this width/height ratio, so each cell is
 * about twice as wide as tall (an id, a state and a time on three lines) and as big as fits.
 */
export function gridShape(count: number, aspect: number): { columns: number; rows: number } {
  if (count <= 0) return { columns: 1, rows: 1 };
  const cellAspect = 2;
  let columns = Math.max(1, Math.round(Math.sqrt((count * aspect) / cellAspect)));
  columns = Math.min(columns, count);
  return { columns, rows: Math.ceil(count / columns) };
}

export interface AbandonedRow {
  readonly key: string;
  readonly time: string;
  readonly queue: string;
  readonly waitMs: number;
  /** Said only when it was not the caller who hung up (the queue timed out, nobody staffed…). */
  readonly reason: Exclude<AbandonReason, 'caller_hangup'> | undefined;
  readonly caller: string | undefined;
  /** When the caller rang in again after hanging up (HH:MM on the tenant's clock). */
  readonly rangAgain: string | undefined;
  /** When the centre dialled the caller back (HH:MM on the tenant's clock). */
  readonly calledBack: string | undefined;
}

/** `14:02` from a local ISO instant, or undefined for none: minutes are enough for a follow-up. */
function localMinutes(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : localClock(iso).slice(0, 5);
}

/** Newest first, as the server sends them; the time on the tenant's clock. */
export function abandonedRows(calls: readonly AbandonedCall[]): AbandonedRow[] {
  return calls.map((c) => ({
    key: `${c.callId}|${c.queue}|${c.at}`,
    time: localClock(c.at),
    queue: c.queue,
    waitMs: c.waitMs,
    reason: c.reason === 'caller_hangup' ? undefined : c.reason,
    caller: c.caller,
    rangAgain: localMinutes(c.rangAgainAt),
    calledBack: localMinutes(c.calledBackAt),
  }));
}
