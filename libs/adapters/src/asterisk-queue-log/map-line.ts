import type { AbandonReason, AgentState, CallEventInput } from '@mieruka/contracts';
import { agentIdOf, wrapupMsOf, type AsteriskOptions } from '../common/asterisk-options';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt, secondsToMs } from '../common/numbers';
import type { Step } from '../common/types';
import { agentStateEvent, missedRingEvent } from '../common/asterisk-agent-event';
import { callerAttrs } from '../common/caller';
import { OFFER_INFERRED_ATTR } from '../common/offer-inferred';
import { NEW_AGENT, derivedState, type AgentRecord } from './agents';
import { parseQueueLogLine, type QueueLogEntry } from './parse-line';
import { withEntry, withoutEntry, type QueueLogState } from './state';

const ADAPTER = 'asterisk-queue-log' as const;

/** Events that are understood and deliberately produce no canonical event. */
export const QUEUE_LOG_SILENT_EVENTS: ReadonlySet<string> = new Set([
  'QUEUESTART',
  'CONFIGRELOAD',
  'SYSCOMPAT',
  'INFO',
  'PENALTY',
  'AGENTDUMP',
]);

/** The queue_log events leaving a queue unanswered, and the canonical reason of each. */
const EXITS: Readonly<Record<string, AbandonReason>> = {
  ABANDON: 'caller_hangup',
  EXITWITHTIMEOUT: 'timeout',
  EXITEMPTY: 'empty',
  EXITWITHKEY: 'key',
};

export { OFFER_INFERRED_ATTR };

type LineStep = Step<QueueLogState>;

/**
 * Maps one queue_log line. A blank line maps to nothing; a line that cannot be read, or an
 * event not listed in the README, is rejected with the reason — never thrown, never dropped.
 */
export function stepQueueLog(
  state: QueueLogState,
  line: string,
  options: AsteriskOptions = {},
): LineStep {
  const raw = line.replace(/\r?\n$/, '');
  if (raw.trim() === '') return { state, events: [], rejects: [] };
  const parsed = parseQueueLogLine(raw);
  if (!parsed.ok) return { state, events: [], rejects: [reject(ADAPTER, parsed.reason, raw)] };
  const e = parsed.entry;
  const ctx: Ctx = { state, entry: e, options, raw };

  if (e.event in EXITS) return exitQueue(ctx, EXITS[e.event] ?? 'other');
  switch (e.event) {
    case 'DID':
      return e.callId && e.params[0]
        ? done(ctx, [], { ...state, dids: withEntry(state.dids, e.callId, e.params[0].trim()) })
        : fail(ctx, 'DID: needs a call id and the DID');
    case 'ENTERQUEUE':
      return enterQueue(ctx);
    case 'CONNECT':
      return connect(ctx);
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
      return complete(ctx);
    case 'ADDMEMBER':
    case 'AGENTLOGIN':
      return agentUpdate(ctx, (a) => ({
        ...a,
        loggedOut: false,
        queues: e.queue && !a.queues.includes(e.queue) ? [...a.queues, e.queue] : a.queues,
      }));
    case 'REMOVEMEMBER':
    case 'AGENTLOGOFF': {
      return agentUpdate(ctx, (a) => {
        const queues = a.queues.filter((q) => q !== e.queue);
        const loggedOut = e.event === 'AGENTLOGOFF' || e.queue === undefined || queues.length === 0;
        return { ...a, queues, loggedOut, paused: loggedOut ? undefined : a.paused };
      });
    }
    case 'PAUSE':
    case 'PAUSEALL':
      return agentUpdate(ctx, (a) => ({
        ...a,
        loggedOut: false,
        paused: e.params[0]?.trim() ?? '',
      }));
    case 'UNPAUSE':
    case 'UNPAUSEALL':
      return agentUpdate(ctx, (a) => ({ ...a, loggedOut: false, paused: undefined }));
    case 'PAUSEREASON':
      // FreePBX logs the reason on a line of its own after PAUSE/PAUSEALL (which then say none).
      return agentUpdate(ctx, (a) => ({
        ...a,
        loggedOut: false,
        paused: e.params[0]?.trim() ?? '',
      }));
    case 'RINGNOANSWER':
      return ringNoAnswer(ctx);
    case 'RINGCANCELED':
      // Static members log no ADDMEMBER: being rung is how most of them first appear, and a
      // member Asterisk rings is logged in. A ring the caller or another member ended is no
      // miss of this member's.
      return agentUpdate(ctx, (a) => ({ ...a, loggedOut: false }));
    default:
      if (QUEUE_LOG_SILENT_EVENTS.has(e.event)) return done(ctx, []);
      return fail(ctx, `${e.event}: not a queue_log event this adapter knows`);
  }
}

interface Ctx {
  readonly state: QueueLogState;
  readonly entry: QueueLogEntry;
  readonly options: AsteriskOptions;
  readonly raw: string;
}

function done(ctx: Ctx, candidates: readonly CallEventInput[], state = ctx.state): LineStep {
  return { state, ...collect(ADAPTER, candidates, ctx.raw) };
}

function fail(ctx: Ctx, reason: string): LineStep {
  return { state: ctx.state, events: [], rejects: [reject(ADAPTER, reason, ctx.raw)] };
}

function callBase(ctx: Ctx, callId: string, queue: string, kind: string) {
  const { entry, options } = ctx;
  return {
    id: stableEventId(options.idPrefix ?? ADAPTER, callId, queue, kind),
    occurredAt: isoAt(entry.time),
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    callId,
    queue,
    direction: 'inbound' as const,
  };
}

/** ENTERQUEUE(url|callerid[|position]): the callerid is kept for the call's ABANDON. */
function enterQueue(ctx: Ctx): LineStep {
  const { entry: e, state } = ctx;
  if (!e.callId || !e.queue) return fail(ctx, 'ENTERQUEUE: needs a call id and a queue');
  const did = state.dids.get(e.callId);
  const offered: CallEventInput = {
    ...callBase(ctx, e.callId, e.queue, 'offered'),
    type: 'call.offered',
    ...(did ? { attrs: { did } } : {}),
  };
  const caller = callerAttrs(e.params[1]).caller;
  return done(ctx, [offered], {
    ...state,
    waiting: withEntry(state.waiting, `${e.callId}|${e.queue}`, e.time),
    callers: caller ? withEntry(state.callers, e.callId, caller) : state.callers,
  });
}

/**
 * The offer of a call whose ENTERQUEUE is not in what was read (a rotated `queue_log.1`, a day
 * that starts mid-call): worked out from its wait, so offered never falls below answered. Its
 * id is the real offer's, so importing the earlier file later adds nothing twice.
 */
function inferredOffer(ctx: Ctx, callId: string, queue: string, at: number): CallEventInput {
  return {
    ...callBase(ctx, callId, queue, 'offered'),
    occurredAt: isoAt(at),
    type: 'call.offered',
    attrs: { [OFFER_INFERRED_ATTR]: 'true' },
  };
}

/** ABANDON(position|origposition|waittime), EXITWITHTIMEOUT/EXITEMPTY likewise, EXITWITHKEY(key|…). */
function exitQueue(ctx: Ctx, reason: AbandonReason): LineStep {
  const { entry: e, state } = ctx;
  if (!e.callId || !e.queue) return fail(ctx, `${e.event}: needs a call id and a queue`);
  const key = `${e.callId}|${e.queue}`;
  const waitParam = e.event === 'EXITWITHKEY' ? e.params[3] : e.params[2];
  const entered = state.waiting.get(key);
  // Asterisk before 1.6 logged EXITWITHTIMEOUT with the position only: the wait is then
  // worked out from ENTERQUEUE when that line was seen.
  const waitMs = secondsToMs(waitParam) ?? (entered !== undefined ? e.time - entered : undefined);
  if (waitMs === undefined) {
    return fail(ctx, `${e.event}: no wait time (parameter or earlier ENTERQUEUE)`);
  }
  const attrs: Record<string, string> = { ...callerAttrs(state.callers.get(e.callId)) };
  if (e.event === 'EXITWITHKEY' && e.params[0]?.trim()) attrs.key = e.params[0].trim();
  const abandoned: CallEventInput = {
    ...callBase(ctx, e.callId, e.queue, 'abandoned'),
    type: 'call.abandoned',
    waitMs,
    reason,
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  };
  const offer =
    entered === undefined ? [inferredOffer(ctx, e.callId, e.queue, e.time - waitMs)] : [];
  return done(ctx, [...offer, abandoned], {
    ...state,
    waiting: withoutEntry(state.waiting, key),
    dids: withoutEntry(state.dids, e.callId),
    callers: withoutEntry(state.callers, e.callId),
  });
}

/** CONNECT(holdtime|bridgedchanneluniqueid[|ringtime]): ringtime only since Asterisk 1.6. */
function connect(ctx: Ctx): LineStep {
  const { entry: e, state, options } = ctx;
  if (!e.callId || !e.queue || !e.member) {
    return fail(ctx, 'CONNECT: needs a call id, a queue and a member');
  }
  const key = `${e.callId}|${e.queue}`;
  const entered = state.waiting.get(key);
  // An empty holdtime (some call-back scripts) is worked out from ENTERQUEUE when seen.
  const waitMs = secondsToMs(e.params[0]) ?? (entered !== undefined ? e.time - entered : undefined);
  if (waitMs === undefined) return fail(ctx, 'CONNECT: holdtime is not a whole number of seconds');
  const ringMs = secondsToMs(e.params[2]);
  const connected: CallEventInput = {
    ...callBase(ctx, e.callId, e.queue, 'connected'),
    type: 'call.connected',
    agentId: agentIdOf(options, e.member),
    waitMs,
    ...(ringMs !== undefined ? { attrs: { ringMs: String(ringMs) } } : {}),
  };
  const offer =
    entered === undefined ? [inferredOffer(ctx, e.callId, e.queue, e.time - waitMs)] : [];
  const agent = updateAgent(
    {
      ...state,
      waiting: withoutEntry(state.waiting, key),
      talking: withEntry(state.talking, key, e.time),
      dids: withoutEntry(state.dids, e.callId),
      callers: withoutEntry(state.callers, e.callId),
    },
    ctx,
    e.member,
    (a) => ({ ...a, loggedOut: false, onCall: true }),
  );
  return done(ctx, [...offer, connected, ...agent.candidates], agent.state);
}

/**
 * COMPLETECALLER/COMPLETEAGENT(holdtime|calltime|origposition); TRANSFER(exten|context|holdtime|
 * calltime|origposition); BLINDTRANSFER and ATTENDEDTRANSFER end in holdtime|calltime|origposition.
 */
function complete(ctx: Ctx): LineStep {
  const { entry: e, state, options } = ctx;
  if (!e.callId || !e.queue || !e.member) {
    return fail(ctx, `${e.event}: needs a call id, a queue and a member`);
  }
  const transfer = e.event.endsWith('TRANSFER');
  const times = transfer ? e.params.slice(-3) : e.params;
  const key = `${e.callId}|${e.queue}`;
  const connectedAt = ctx.state.talking.get(key);
  // An empty or missing calltime (call-back scripts write `COMPLETEAGENT|10||1`) is worked
  // out from CONNECT; without it the call still ends, with the talk time unknown (0).
  const given = secondsToMs(times[1]);
  const talkMs = given ?? (connectedAt !== undefined ? e.time - connectedAt : 0);
  if (given === undefined && (times[1]?.trim() ?? '') !== '') {
    return fail(ctx, `${e.event}: calltime is not a whole number of seconds`);
  }
  const wrapMs = wrapupMsOf(options, e.queue);
  const endedBy =
    e.event === 'COMPLETECALLER' ? 'caller' : e.event === 'COMPLETEAGENT' ? 'agent' : 'transfer';
  const wrapped: CallEventInput = {
    ...callBase(ctx, e.callId, e.queue, 'wrapped'),
    type: 'call.wrapped',
    agentId: agentIdOf(options, e.member),
    talkMs,
    holdMs: 0,
    wrapMs,
    disposition: options.disposition ?? 'completed',
    attrs: {
      endedBy,
      ...(given === undefined && connectedAt === undefined ? { talkUnknown: 'true' } : {}),
    },
  };
  const member = e.member;
  const wrapEvents: CallEventInput[] = [];
  if (wrapMs > 0) {
    wrapEvents.push(agentStateEvent(options, ADAPTER, member, e.time, 'wrap'));
  }
  const agent = updateAgent(
    { ...state, talking: withoutEntry(state.talking, key) },
    ctx,
    member,
    (a) => ({ ...a, onCall: false, state: wrapMs > 0 ? 'wrap' : a.state }),
    e.time + wrapMs,
  );
  return done(ctx, [wrapped, ...wrapEvents, ...agent.candidates], agent.state);
}

/**
 * RINGNOANSWER(ringtime ms): the member was rung and did not answer — or its device was busy
 * or unreachable (ring time near 0), which a supervisor needs to see as much. The member
 * appears if first seen (as for RINGCANCELED), and the ring is counted on the floor.
 */
function ringNoAnswer(ctx: Ctx): LineStep {
  const { entry: e, options } = ctx;
  if (!e.member || !e.callId) return fail(ctx, 'RINGNOANSWER: needs a call id and a member');
  const member = e.member;
  const seen = updateAgent(ctx.state, ctx, member, (a) => ({ ...a, loggedOut: false }));
  const agent = seen.state.agents.get(agentIdOf(options, member));
  const state = agent?.state ?? 'available';
  const missed = missedRingEvent(options, ADAPTER, {
    member,
    at: e.time,
    callId: e.callId,
    ringMs: wholeMs(e.params[0]),
    state,
    reason: agent ? pauseReason(agent, state) : undefined,
  });
  return done(ctx, [...seen.candidates, missed], seen.state);
}

/** A whole number of milliseconds as logged (RINGNOANSWER's ring time), else undefined. */
function wholeMs(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  return /^\d{1,8}$/.test(text) ? Number(text) : undefined;
}

function agentUpdate(ctx: Ctx, change: (a: AgentRecord) => AgentRecord): LineStep {
  const { entry: e } = ctx;
  if (!e.member) return fail(ctx, `${e.event}: needs a member`);
  const result = updateAgent(ctx.state, ctx, e.member, change);
  return done(ctx, result.candidates, result.state);
}

function updateAgent(
  state: QueueLogState,
  ctx: Ctx,
  member: string,
  change: (a: AgentRecord) => AgentRecord,
  at = ctx.entry.time,
): { state: QueueLogState; candidates: CallEventInput[] } {
  // By canonical id: a person logged under a device and a member name is one agent.
  const agentId = agentIdOf(ctx.options, member);
  const before = state.agents.get(agentId) ?? NEW_AGENT;
  const changed = change(before);
  const next = derivedState(changed, ctx.options);
  const record: AgentRecord = { ...changed, state: next };
  const agents = new Map(state.agents).set(agentId, record);
  const reason = pauseReason(changed, next);
  // A pause reason given after the pause (FreePBX's PAUSEREASON line) is news too.
  const reasonOnly = next === changed.state && reason !== pauseReason(before, next);
  const candidates =
    next === changed.state && !reasonOnly
      ? []
      : [agentStateEvent(ctx.options, ADAPTER, member, at, next, reason, reasonOnly)];
  return { state: { ...state, agents }, candidates };
}

function pauseReason(agent: AgentRecord, state: AgentState): string | undefined {
  return state === 'break' || state === 'not_ready' ? agent.paused || undefined : undefined;
}
