import type { AgentState, CallEventInput } from '@mieruka/contracts';
import { agentIdOf, wrapupMsOf, type AsteriskOptions } from '../common/asterisk-options';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt, secondsToMs } from '../common/numbers';
import type { Step } from '../common/types';
import { agentStateEvent } from '../common/asterisk-agent-event';
import { callerAttrs } from '../common/caller';
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
  'RINGNOANSWER',
  'RINGCANCELED',
]);

/** The queue_log events leaving a queue unanswered, and what `attrs.exit` says of them. */
const EXITS: Readonly<Record<string, string>> = {
  ABANDON: 'abandon',
  EXITWITHTIMEOUT: 'timeout',
  EXITEMPTY: 'empty',
  EXITWITHKEY: 'key',
};

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

  if (e.event in EXITS) return exitQueue(ctx, EXITS[e.event] ?? 'abandon');
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

/** ABANDON(position|origposition|waittime), EXITWITHTIMEOUT/EXITEMPTY likewise, EXITWITHKEY(key|…). */
function exitQueue(ctx: Ctx, exit: string): LineStep {
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
  const attrs: Record<string, string> = {
    ...(exit === 'abandon' ? {} : { exit }),
    ...callerAttrs(state.callers.get(e.callId)),
  };
  if (e.event === 'EXITWITHKEY' && e.params[0]) attrs.key = e.params[0];
  const abandoned: CallEventInput = {
    ...callBase(ctx, e.callId, e.queue, 'abandoned'),
    type: 'call.abandoned',
    waitMs,
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  };
  return done(ctx, [abandoned], {
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
  const waitMs = secondsToMs(e.params[0]);
  if (waitMs === undefined) return fail(ctx, 'CONNECT: holdtime is not a whole number of seconds');
  const ringMs = secondsToMs(e.params[2]);
  const connected: CallEventInput = {
    ...callBase(ctx, e.callId, e.queue, 'connected'),
    type: 'call.connected',
    agentId: agentIdOf(options, e.member),
    waitMs,
    ...(ringMs !== undefined ? { attrs: { ringMs: String(ringMs) } } : {}),
  };
  const agent = updateAgent(
    {
      ...state,
      waiting: withoutEntry(state.waiting, `${e.callId}|${e.queue}`),
      dids: withoutEntry(state.dids, e.callId),
      callers: withoutEntry(state.callers, e.callId),
    },
    ctx,
    e.member,
    (a) => ({ ...a, loggedOut: false, onCall: true }),
  );
  return done(ctx, [connected, ...agent.candidates], agent.state);
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
  const talkMs = secondsToMs(times[1]);
  if (talkMs === undefined)
    return fail(ctx, `${e.event}: calltime is not a whole number of seconds`);
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
    attrs: { endedBy },
  };
  const member = e.member;
  const wrapEvents: CallEventInput[] = [];
  if (wrapMs > 0) {
    wrapEvents.push(agentStateEvent(options, ADAPTER, member, e.time, 'wrap'));
  }
  const agent = updateAgent(
    state,
    ctx,
    member,
    (a) => ({ ...a, onCall: false, state: wrapMs > 0 ? 'wrap' : a.state }),
    e.time + wrapMs,
  );
  return done(ctx, [wrapped, ...wrapEvents, ...agent.candidates], agent.state);
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
  const before = state.agents.get(member) ?? NEW_AGENT;
  const changed = change(before);
  const next = derivedState(changed, ctx.options);
  const record: AgentRecord = { ...changed, state: next };
  const agents = new Map(state.agents).set(member, record);
  const candidates =
    next === changed.state
      ? []
      : [agentStateEvent(ctx.options, ADAPTER, member, at, next, pauseReason(changed, next))];
  return { state: { ...state, agents }, candidates };
}

function pauseReason(agent: AgentRecord, state: AgentState): string | undefined {
  return state === 'break' || state === 'not_ready' ? agent.paused || undefined : undefined;
}
