import type { CallEventInput } from '@mieruka/contracts';
import { agentIdOf, wrapupMsOf, type AsteriskOptions } from '../common/asterisk-options';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { decimalSecondsToMs, isoAt, secondsToMs } from '../common/numbers';
import type { Reject, Step } from '../common/types';
import { agentStateEvent, missedRingEvent } from '../common/asterisk-agent-event';
import { callerAttrs } from '../common/caller';
import { OFFER_INFERRED_ATTR } from '../common/offer-inferred';
import { field, frameOf, type AmiFrame } from './frame';
import { keptDeviceState, memberOf, memberState } from './member-state';
import {
  LEAVE_GRACE_MS,
  abandonReason,
  isHangupEvent,
  leaveReason,
  markHangup,
} from './queue-exit';
import { outboundDial } from './outbound-dial';
import type { AmiState, WaitingCall } from './state';

const ADAPTER = 'asterisk-ami' as const;
type AmiStep = Step<AmiState>;

interface Ctx {
  readonly state: AmiState;
  readonly frame: AmiFrame;
  readonly options: AsteriskOptions;
  /** When the event happened: its `Timestamp` header (timestampevents=yes), else arrival. */
  readonly at: number;
  readonly receivedAt: number;
}

/**
 * Maps one AMI frame. Queue and member events become canonical events; responses, the
 * greeting and the many other AMI events (Newchannel, VarSet, …) map to nothing. Call event
 * ids are `<prefix>:<caller Uniqueid>:<queue>:<kind>` — the same as the queue_log adapter's
 * with the same prefix — so a replay, a resync or a queue_log backfill is absorbed by id.
 */
export function stepAmi(
  state: AmiState,
  frame: AmiFrame,
  receivedAt: number,
  options: AsteriskOptions = {},
): AmiStep {
  const at = decimalSecondsToMs(field(frame, 'Timestamp')) ?? receivedAt;
  const settled = settleLeft({ state, frame: NO_FRAME, options, at, receivedAt });
  const step = mapFrame({ state: settled.state, frame, options, at, receivedAt });
  return {
    state: step.state,
    events: [...settled.events, ...step.events],
    rejects: [...settled.rejects, ...step.rejects],
  };
}

/** Stands in for the frame when settling: no header of the current frame may leak in. */
const NO_FRAME = frameOf([]);

function mapFrame(ctx: Ctx): AmiStep {
  const { state, frame } = ctx;
  const event = frame.kind === 'message' ? field(frame, 'Event') : undefined;
  if (isHangupEvent(event)) return done(ctx, [], markHangup(state, field(frame, 'Uniqueid')));
  switch (event) {
    case 'QueueCallerJoin':
    case 'Join':
      return join(ctx);
    case 'AgentConnect':
      return agentConnect(ctx);
    case 'QueueCallerAbandon':
      return abandon(ctx);
    case 'QueueCallerLeave':
      return leave(ctx);
    case 'AgentComplete':
      return agentComplete(ctx);
    case 'AgentRingNoAnswer':
      return ringNoAnswer(ctx);
    case 'QueueMemberStatus':
    case 'QueueMemberPause':
    case 'QueueMemberPaused':
    case 'QueueMemberAdded':
    case 'QueueMember':
      return member(ctx, 'join');
    case 'QueueMemberRemoved':
      return member(ctx, 'leave');
    case 'QueueEntry':
      return queueEntry(ctx);
    case 'QueueStatusComplete':
      return resyncComplete(ctx);
    case 'DialBegin':
    case 'DialEnd':
      return dial(ctx, event);
    default:
      return { state, events: [], rejects: [] };
  }
}

function done(
  ctx: Ctx,
  candidates: readonly CallEventInput[],
  state = ctx.state,
  rejects: readonly Reject[] = [],
): AmiStep {
  return { state, ...collect(ADAPTER, candidates, ctx.frame.raw, rejects) };
}

function fail(ctx: Ctx, reason: string): AmiStep {
  return { state: ctx.state, events: [], rejects: [reject(ADAPTER, reason, ctx.frame.raw)] };
}

/** A campaign's dial (outbound-dial.ts); any other dial maps to nothing. */
function dial(ctx: Ctx, event: 'DialBegin' | 'DialEnd'): AmiStep {
  const mapped = outboundDial(ctx.frame, event, ctx.at, ctx.options);
  if (!mapped) return done(ctx, []);
  return 'reject' in mapped ? fail(ctx, mapped.reject) : done(ctx, mapped.candidates);
}

/** Uniqueid and Queue, which every queue call event needs. */
function callKeys(ctx: Ctx): { uniqueid: string; queue: string } | string {
  const uniqueid = field(ctx.frame, 'Uniqueid')?.trim();
  const queue = field(ctx.frame, 'Queue')?.trim();
  const name = field(ctx.frame, 'Event') ?? 'event';
  if (!uniqueid || !queue) return `${name}: needs Uniqueid and Queue`;
  return { uniqueid, queue };
}

function callBase(ctx: Ctx, uniqueid: string, queue: string, kind: string, at = ctx.at) {
  const linkedid = field(ctx.frame, 'Linkedid')?.trim();
  return {
    id: stableEventId(ctx.options.idPrefix ?? ADAPTER, uniqueid, queue, kind),
    occurredAt: isoAt(at),
    tenant: ctx.options.tenant ?? 'default',
    source: ADAPTER,
    callId: uniqueid,
    direction: 'inbound' as const,
    queue,
    ...(linkedid && linkedid !== uniqueid ? { attrs: { linkedid } } : {}),
  };
}

/**
 * The offer of a caller whose QueueCallerJoin was not seen (an `eventfilter` that passes only
 * some queue events, a connection that came up mid-wait with no QueueStatus answer yet): worked
 * out from the wait, so offered never falls below answered and abandoned. Its id is the join's.
 */
function inferredOffer(ctx: Ctx, uniqueid: string, queue: string, waitMs: number) {
  const base = callBase(ctx, uniqueid, queue, 'offered', ctx.at - waitMs);
  return {
    ...base,
    type: 'call.offered',
    attrs: { ...base.attrs, [OFFER_INFERRED_ATTR]: 'true' },
  } satisfies CallEventInput;
}

function withoutWaiting(state: AmiState, uniqueid: string): AmiState {
  if (!state.waiting.has(uniqueid)) return state;
  const waiting = new Map(state.waiting);
  waiting.delete(uniqueid);
  return { ...state, waiting };
}

function withWaiting(
  state: AmiState,
  uniqueid: string,
  queue: string,
  joinedAt: number,
  caller: string | undefined,
): AmiState {
  const call = { queue, joinedAt, ...(caller ? { caller } : {}) };
  return { ...state, waiting: new Map(state.waiting).set(uniqueid, call) };
}

/** QueueCallerJoin (Asterisk 12+; `Join` before): Queue, Position, Count, Uniqueid, Linkedid. */
function join(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const offered: CallEventInput = {
    ...callBase(ctx, keys.uniqueid, keys.queue, 'offered'),
    type: 'call.offered',
  };
  const caller = field(ctx.frame, 'CallerIDNum')?.trim();
  return done(ctx, [offered], withWaiting(ctx.state, keys.uniqueid, keys.queue, ctx.at, caller));
}

/**
 * AgentConnect: HoldTime is how long the caller waited, in seconds (the docs call it
 * "seconds since epoch"; it is a duration), RingTime how long the member rang.
 */
function agentConnect(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const member = memberOf(ctx.frame);
  if (!member) return fail(ctx, 'AgentConnect: needs MemberName or Interface');
  const waitMs = secondsToMs(field(ctx.frame, 'HoldTime'));
  if (waitMs === undefined)
    return fail(ctx, 'AgentConnect: HoldTime is not a whole number of seconds');
  const base = callBase(ctx, keys.uniqueid, keys.queue, 'connected');
  const ringMs = secondsToMs(field(ctx.frame, 'RingTime'));
  const attrs = { ...base.attrs, ...(ringMs !== undefined ? { ringMs: String(ringMs) } : {}) };
  const connected: CallEventInput = {
    ...base,
    type: 'call.connected',
    agentId: agentIdOf(ctx.options, member),
    waitMs,
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  };
  const offer = ctx.state.waiting.has(keys.uniqueid)
    ? []
    : [inferredOffer(ctx, keys.uniqueid, keys.queue, waitMs)];
  return done(ctx, [...offer, connected], withoutWaiting(ctx.state, keys.uniqueid));
}

/**
 * QueueCallerAbandon: Queue, Position, OriginalPosition, HoldTime (seconds waited), and since
 * Asterisk 12 the caller channel's CallerIDNum (else the one its join had) → `attrs.caller`.
 * Its reason: queue-exit.ts.
 */
function abandon(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const waitMs = secondsToMs(field(ctx.frame, 'HoldTime'));
  if (waitMs === undefined)
    return fail(ctx, 'QueueCallerAbandon: HoldTime is not a whole number of seconds');
  const base = callBase(ctx, keys.uniqueid, keys.queue, 'abandoned');
  const waiting = ctx.state.waiting.get(keys.uniqueid);
  const caller = callerAttrs(field(ctx.frame, 'CallerIDNum') ?? waiting?.caller);
  const attrs = { ...base.attrs, ...caller };
  const abandoned: CallEventInput = {
    ...base,
    type: 'call.abandoned',
    waitMs,
    reason: abandonReason(ctx.state, waiting, keys.queue),
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  };
  const offer = waiting ? [] : [inferredOffer(ctx, keys.uniqueid, keys.queue, waitMs)];
  return done(ctx, [...offer, abandoned], withoutWaiting(ctx.state, keys.uniqueid));
}

/**
 * QueueCallerLeave of a caller still waiting: left alive without an abandon. An answered
 * caller's AgentConnect follows it, so the call is only marked here and settled later.
 */
function leave(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const call = ctx.state.waiting.get(keys.uniqueid);
  if (!call || call.leftAt !== undefined) return done(ctx, []);
  const waiting = new Map(ctx.state.waiting).set(keys.uniqueid, { ...call, leftAt: ctx.at });
  return done(ctx, [], { ...ctx.state, waiting });
}

/**
 * Callers who left alive LEAVE_GRACE_MS ago with no AgentConnect since: their exit was a key
 * or an emptied queue (queue-exit.ts), reported as `call.abandoned` when they left.
 */
function settleLeft(ctx: Ctx): AmiStep {
  const due = [...ctx.state.waiting].filter(
    ([, call]) => call.leftAt !== undefined && call.leftAt + LEAVE_GRACE_MS <= ctx.at,
  );
  if (due.length === 0) return done(ctx, []);
  const waiting = new Map(ctx.state.waiting);
  const candidates: CallEventInput[] = [];
  for (const [uniqueid, call] of due) {
    const leftAt = call.leftAt ?? ctx.at;
    const attrs = callerAttrs(call.caller);
    candidates.push({
      ...callBase(ctx, uniqueid, call.queue, 'abandoned', leftAt),
      type: 'call.abandoned',
      waitMs: Math.max(0, leftAt - call.joinedAt),
      reason: leaveReason(ctx.state, call, call.queue),
      ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
    });
    waiting.delete(uniqueid);
  }
  return done(ctx, candidates, { ...ctx.state, waiting });
}

/** AgentComplete: HoldTime, TalkTime (seconds), Reason caller | agent | transfer. */
function agentComplete(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const member = memberOf(ctx.frame);
  if (!member) return fail(ctx, 'AgentComplete: needs MemberName or Interface');
  const talkMs = secondsToMs(field(ctx.frame, 'TalkTime'));
  if (talkMs === undefined)
    return fail(ctx, 'AgentComplete: TalkTime is not a whole number of seconds');
  const base = callBase(ctx, keys.uniqueid, keys.queue, 'wrapped');
  const reason = field(ctx.frame, 'Reason')?.trim();
  const attrs = { ...base.attrs, ...(reason ? { endedBy: reason } : {}) };
  const wrapped: CallEventInput = {
    ...base,
    type: 'call.wrapped',
    agentId: agentIdOf(ctx.options, member),
    talkMs,
    holdMs: 0,
    wrapMs: wrapupMsOf(ctx.options, keys.queue),
    disposition: ctx.options.disposition ?? 'completed',
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  };
  return done(ctx, [wrapped], withoutWaiting(ctx.state, keys.uniqueid));
}

/**
 * AgentRingNoAnswer: Queue, the caller's Uniqueid, MemberName / Interface (`Member` before
 * Asterisk 12), RingTime in ms (`Ringtime` before 12). The member stays in the state it was
 * in; the ring is counted on the floor (docs/kpis.md, Missed rings). A member not seen before
 * is one Asterisk rings, so logged in: available.
 */
function ringNoAnswer(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const name = memberOf(ctx.frame) ?? field(ctx.frame, 'Member')?.trim();
  if (!name) return fail(ctx, 'AgentRingNoAnswer: needs MemberName or Interface');
  const known = ctx.state.agents.get(name);
  const state = known ?? 'available';
  const ringMs = field(ctx.frame, 'RingTime')?.trim();
  const missed = missedRingEvent(ctx.options, ADAPTER, {
    member: name,
    at: ctx.at,
    callId: keys.uniqueid,
    ringMs: ringMs && /^\d{1,8}$/.test(ringMs) ? Number(ringMs) : undefined,
    state,
    reason: state === 'break' || state === 'not_ready' ? ctx.state.reasons?.get(name) : undefined,
  });
  const next = known
    ? ctx.state
    : { ...ctx.state, agents: new Map(ctx.state.agents).set(name, state) };
  return done(ctx, [missed], next);
}

/**
 * QueueMemberStatus / Pause / Added / QueueMember (resync) / Removed: one agent state for the
 * member across all its queues, reported only when it changes.
 */
function member(ctx: Ctx, change: 'join' | 'leave'): AmiStep {
  const name = memberOf(ctx.frame);
  const event = field(ctx.frame, 'Event') ?? 'event';
  if (!name) return fail(ctx, `${event}: needs MemberName or Interface`);
  const queue = field(ctx.frame, 'Queue')?.trim();
  const before = ctx.state.memberships.get(name) ?? [];
  const queues =
    change === 'leave'
      ? before.filter((q) => q !== queue)
      : queue && !before.includes(queue)
        ? [...before, queue]
        : before;
  const next =
    change === 'leave'
      ? queues.length === 0
        ? { state: 'logged_out' as const, reason: undefined }
        : undefined
      : (keptDeviceState(ctx.frame, ctx.state.agents.get(name)) ??
        memberState(ctx.frame, ctx.options));
  const memberships = new Map(ctx.state.memberships).set(name, queues);
  let state: AmiState = { ...ctx.state, memberships };
  if (!next) return done(ctx, [], state);
  const sameState = ctx.state.agents.get(name) === next.state;
  // Only a pause's reason is shown (離席理由); a paused member who picks another reason
  // (PausedReason changed, Paused still 1) is news, though the state is not.
  const reasonShown = next.state === 'break' || next.state === 'not_ready';
  const reasonOnly = sameState && reasonShown && ctx.state.reasons?.get(name) !== next.reason;
  if (sameState && !reasonOnly) return done(ctx, [], state);
  const reasons = new Map(ctx.state.reasons);
  if (reasonShown && next.reason !== undefined) reasons.set(name, next.reason);
  else reasons.delete(name);
  state = { ...state, agents: new Map(state.agents).set(name, next.state), reasons };
  const candidate = agentStateEvent(
    ctx.options,
    ADAPTER,
    name,
    ctx.at,
    next.state,
    next.reason,
    reasonOnly,
  );
  return done(ctx, [candidate], state);
}

/** QueueEntry (QueueStatus answer): a caller waiting now, `Wait` seconds so far. */
function queueEntry(ctx: Ctx): AmiStep {
  const keys = callKeys(ctx);
  if (typeof keys === 'string') return fail(ctx, keys);
  const state = ctx.state.resync
    ? { ...ctx.state, resync: new Set(ctx.state.resync).add(keys.uniqueid) }
    : ctx.state;
  if (ctx.state.waiting.has(keys.uniqueid)) return done(ctx, [], state);
  const waitMs = secondsToMs(field(ctx.frame, 'Wait'));
  if (waitMs === undefined) return fail(ctx, 'QueueEntry: Wait is not a whole number of seconds');
  const joinedAt = ctx.receivedAt - waitMs;
  // The same id QueueCallerJoin gave: if the join was seen before the state was lost, ingest
  // absorbs this one as a duplicate.
  const offered: CallEventInput = {
    ...callBase(ctx, keys.uniqueid, keys.queue, 'offered', joinedAt),
    type: 'call.offered',
  };
  const caller = field(ctx.frame, 'CallerIDNum')?.trim();
  return done(ctx, [offered], withWaiting(state, keys.uniqueid, keys.queue, joinedAt, caller));
}

/**
 * QueueStatusComplete ends a resync: a caller remembered as waiting but not listed left the
 * queue while the connection was down, answered or not — AMI cannot say which. It is
 * forgotten and reported as a reject so an operator can settle it (a queue_log backfill with
 * the same id prefix fills it in).
 */
function resyncComplete(ctx: Ctx): AmiStep {
  const listed = ctx.state.resync;
  if (!listed) return done(ctx, []);
  const waiting = new Map<string, WaitingCall>();
  const rejects: Reject[] = [];
  for (const [uniqueid, call] of ctx.state.waiting) {
    // A caller known to have left alive is not listed, and is settled by settleLeft.
    if (listed.has(uniqueid) || call.leftAt !== undefined) waiting.set(uniqueid, call);
    else {
      rejects.push(
        reject(
          ADAPTER,
          `call ${uniqueid} left queue ${call.queue} while disconnected (joined ${isoAt(call.joinedAt)}); answered or abandoned is unknown`,
          ctx.frame.raw,
        ),
      );
    }
  }
  return done(ctx, [], { ...ctx.state, waiting, resync: undefined }, rejects);
}
