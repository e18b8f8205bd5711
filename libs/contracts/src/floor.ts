import { z } from 'zod';
import { ABANDON_REASONS, tenantIdSchema } from './event';
import { LIVE_AGENT_STATES, scopeSchema } from './kpi-snapshot';

/**
 * The floor detail of one scope (docs/wallboard.md): each agent's state with its time in
 * state and current call, and the latest abandoned calls of today. Not part of the KPI
 * snapshot of docs/kpis.md — that one is compared field for field with the SQL engine and the
 * golden scenarios — but kept by the same fold and sent beside it on the live socket.
 *
 * Instants are local ISO timestamps with the tenant's offset (`2026-11-24T14:02:31.000+09:00`):
 * a screen reads the tenant's wall clock from the text and ticks durations from the epoch it
 * names, without knowing the tenant's time zone.
 */

/** How many abandoned calls a scope keeps and shows (the newest of today). */
export const FLOOR_ABANDONED_LIMIT = 20;
/** How many agents one scope's floor lists at most (a TV cannot show more legibly anyway). */
export const FLOOR_AGENT_LIMIT = 300;

/**
 * The `attrs` key adapters put the caller's number under, as the source gave it. It stays in
 * the store (call-backs, history); only the floor reads it, and shows it masked. On a
 * `call.dialed` it is the customer's number dialled, so the floor can tell a call back.
 */
export const CALLER_ATTR = 'caller';

/**
 * The `attrs` key an adapter sets, to the call's id, on the `agent.state` it emits when the
 * agent was rung and did not answer (queue_log RINGNOANSWER, AMI AgentRingNoAnswer). The
 * canonical event set has no missed-ring event (docs/kpis.md, Missed rings): the state stays
 * what the agent was in, so the KPI engines, which read no `attrs`, count nothing new; only
 * the floor reads this key, and counts the agent's missed rings of the day.
 */
export const MISSED_RING_ATTR = 'missedRing';

const localInstant = z.string();

/** The call an agent on a call or in wrap-up is handling. */
export const floorCallSchema = z.object({
  callId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  queue: z.string().optional(),
  campaign: z.string().optional(),
  /** When it was connected. */
  since: localInstant,
});
export type FloorCall = z.output<typeof floorCallSchema>;

export const floorAgentSchema = z.object({
  team: z.string().optional(),
  state: z.enum(LIVE_AGENT_STATES),
  /** When the agent entered this state (repeated reports of the same state do not restart it). */
  since: localInstant,
  /** Not ready or on a break: the latest reason the source gave in this stretch (離席理由). */
  reason: z.string().optional(),
  call: floorCallSchema.optional(),
  /** Times the agent was rung and did not answer, today (local day) so far; absent when none. */
  missedRings: z.number().int().positive().optional(),
});
export type FloorAgent = z.output<typeof floorAgentSchema>;

export const abandonedCallSchema = z.object({
  callId: z.string(),
  /** When the caller hung up. */
  at: localInstant,
  queue: z.string(),
  waitMs: z.number().int(),
  /** Why it went unanswered (`caller_hangup` when the source did not say). */
  reason: z.enum(ABANDON_REASONS),
  /** The caller's number with all but its last digits masked (`***-****-5678`), when known. */
  caller: z.string().optional(),
  /** When the same number rang in again after this, today (matched on the server). */
  rangAgainAt: localInstant.optional(),
  /** When the centre dialled that number after this, today: the call back. */
  calledBackAt: localInstant.optional(),
});
export type AbandonedCall = z.output<typeof abandonedCallSchema>;

/**
 * What a leaderboard ranks agents by (`leaders` below): today's appointments (wraps with
 * disposition `appointment`), orders (`order.confirmed`), revenue and outbound connects.
 */
export const LEADER_METRICS = ['appointments', 'orders', 'revenue', 'connects'] as const;
export type LeaderMetric = (typeof LEADER_METRICS)[number];

/**
 * One agent's numbers of today (local day, up to `at`) in the floor's scope, as the window
 * `today` of that scope counts them (docs/kpis.md) — equal to the SQL history broken down by
 * agent over today in that scope: `dispositions.appointment`, `orders`, `revenue` (confirmed
 * minus cancelled amounts) and `connectedOutbound`.
 */
export const leaderSchema = z.object({
  appointments: z.number().int(),
  orders: z.number().int(),
  revenue: z.number(),
  connects: z.number().int(),
} satisfies Record<LeaderMetric, z.ZodNumber>);
export type Leader = z.output<typeof leaderSchema>;

export const floorSchema = z.object({
  /** Agents whose latest state is not `logged_out`, by agent id (at most FLOOR_AGENT_LIMIT). */
  agents: z.record(z.string(), floorAgentSchema),
  /** Agents left out by the limit. */
  agentsOmitted: z.number().int(),
  /** Today's latest `call.abandoned`, newest first (at most FLOOR_ABANDONED_LIMIT). */
  abandoned: z.array(abandonedCallSchema),
  /**
   * By agent id, every agent with an appointment, order, cancellation or outbound connect in
   * this scope today, for the leaderboard; absent when there is none.
   */
  leaders: z.record(z.string(), leaderSchema).optional(),
});
export type Floor = z.output<typeof floorSchema>;

/** `GET /api/v1/live/floor`: one scope's floor now. */
export const liveFloorSchema = floorSchema.extend({
  at: localInstant,
  tenant: tenantIdSchema,
  scope: scopeSchema,
});
export type LiveFloor = z.output<typeof liveFloorSchema>;
