import { MISSED_RING_ATTR, type AgentState } from '@mieruka/contracts';
import { callerAttrs } from '../common/caller';
import { canceledReason } from './canceled-reason';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt, secondsToMs, wholeNumber } from '../common/numbers';
import type { BaseOptions, Candidate, Step } from '../common/types';

const ADAPTER = 'twilio' as const;

export interface TwilioOptions extends BaseOptions {
  /** WorkerSid or WorkerName → canonical agent id; else the WorkerName (or sid) as is. */
  readonly agentIds?: Readonly<Record<string, string>>;
  /** Activity name → agent state; defaults below, any other activity is `not_ready`. */
  readonly activities?: Readonly<Record<string, AgentState>>;
  /** Task channels mapped (TaskChannelUniqueName); `voice` when left out. */
  readonly channels?: readonly string[];
  /** `call.wrapped.disposition` when the task attributes carry none; `completed` if unset. */
  readonly disposition?: string;
}

export const DEFAULT_ACTIVITIES: Readonly<Record<string, AgentState>> = {
  Available: 'available',
  Offline: 'logged_out',
  Break: 'break',
  Unavailable: 'not_ready',
};

interface TaskRecord {
  readonly queue: string | undefined;
  readonly agentId: string | undefined;
  readonly workerSid: string | undefined;
  readonly acceptedAt: number | undefined;
  readonly wrapupAt: number | undefined;
  /** A transfer of it completed: the worker handed the caller on (task.transfer-completed). */
  readonly transferred?: boolean;
}

/** What the TaskRouter mapper remembers between callbacks. */
export interface TaskRouterState {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  /** WorkerSid → the state its activity stands for (what it returns to after a task). */
  readonly activities: ReadonlyMap<string, AgentState>;
}

export const initialTaskRouterState: TaskRouterState = { tasks: new Map(), activities: new Map() };

/** Event types understood and deliberately producing nothing. */
const SILENT =
  /^(reservation\.(created|canceled|rescinded|completed|wrapup)|task\.(updated|system-deleted|transfer-(initiated|attempt-failed|failed|canceled))|task-queue\.(created|deleted|moved|timeout|expression\.updated)|worker\.(created|deleted|attributes\.update|capacity\.update|channel\.availability\.update)|workflow\..+|workspace\..+|activity\..+)$/;

type Params = Readonly<Record<string, string>>;

/**
 * Maps one TaskRouter event callback (form-encoded, https://www.twilio.com/docs/taskrouter/
 * api/event/reference): task.created / task-queue.entered → call.offered, reservation.accepted
 * → call.connected (+ agent on_call), task.canceled (or task.deleted) before acceptance →
 * call.abandoned with its reason (canceled-reason.ts),
 * task.wrapup → agent wrap, task.completed → call.wrapped (talk and wrap-up measured from the
 * accepted and wrapup callbacks), worker.activity.update → agent.state.
 */
export function stepTaskRouter(
  state: TaskRouterState,
  params: Params,
  options: TwilioOptions = {},
): Step<TaskRouterState> {
  const raw = new URLSearchParams(params).toString();
  const type = params.EventType;
  const fail = (reason: string): Step<TaskRouterState> => ({
    state,
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  if (!type) return fail('EventType: is required');
  const at = wholeNumber(params.TimestampMs) ?? secondsToMs(params.Timestamp);
  if (at === undefined) return fail(`${type}: Timestamp is not epoch seconds`);

  const ctx = { state, params, options, at, raw, type };
  if (type === 'worker.activity.update') return activity(ctx);
  if (SILENT.test(type)) return { state, events: [], rejects: [] };
  if (!/^(task|reservation|task-queue)\./.test(type))
    return fail(`${type}: not a TaskRouter event this adapter knows`);

  const taskSid = params.TaskSid;
  if (!taskSid) return fail(`${type}: TaskSid is required`);
  const channel = params.TaskChannelUniqueName;
  if (channel && !(options.channels ?? ['voice']).includes(channel))
    return { state, events: [], rejects: [] };
  const task: TaskRecord = state.tasks.get(taskSid) ?? {
    queue: undefined,
    agentId: undefined,
    workerSid: undefined,
    acceptedAt: undefined,
    wrapupAt: undefined,
  };
  const queue = params.TaskQueueName ?? task.queue;
  const call = {
    occurredAt: isoAt(at),
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    callId: taskSid,
    direction: 'inbound' as const,
    ...(queue ? { queue } : {}),
  };
  const id = (...kind: string[]) => stableEventId(options.idPrefix ?? ADAPTER, taskSid, ...kind);
  const save = (record: TaskRecord | undefined): TaskRouterState => {
    const tasks = new Map(state.tasks);
    if (record) tasks.set(taskSid, record);
    else tasks.delete(taskSid);
    return { ...state, tasks };
  };
  const out = (candidates: Candidate[], next: TaskRouterState) => ({
    state: next,
    ...collect(ADAPTER, candidates, raw),
  });

  switch (type) {
    case 'task.created':
    case 'task-queue.entered': {
      const next = save({ ...task, queue });
      if (!queue) return out([], next); // task.created before routing: task-queue.entered follows
      return out([{ ...call, id: id('offered', queue), type: 'call.offered' }], next);
    }
    case 'reservation.timeout':
    case 'reservation.rejected': {
      // Offered to the worker and not taken — no answer in time, or declined: a missed ring
      // (docs/kpis.md, Missed rings). The worker stays in the state of its activity; a
      // timeout activity the workflow moves it to comes as worker.activity.update.
      const workerSid = params.WorkerSid;
      const agentId = agentOf(options, params);
      if (!workerSid || !agentId) return fail(`${type}: WorkerSid is required`);
      const stays = state.activities.get(workerSid) ?? 'available';
      const ring: Candidate = {
        ...agentEvent(options, workerSid, agentId, at, stays),
        id: stableEventId(options.idPrefix ?? ADAPTER, 'worker', workerSid, at, 'ring', taskSid),
        attrs: {
          [MISSED_RING_ATTR]: taskSid,
          ...(type === 'reservation.rejected' ? { declined: 'true' } : {}),
        },
      };
      return out([ring], state);
    }
    case 'reservation.accepted': {
      const workerSid = params.WorkerSid;
      const agentId = agentOf(options, params);
      if (!workerSid || !agentId) return fail('reservation.accepted: WorkerSid is required');
      const waitMs = secondsToMs(params.TaskAge);
      if (waitMs === undefined) return fail('reservation.accepted: TaskAge is not whole seconds');
      const next = save({ ...task, queue, agentId, workerSid, acceptedAt: at });
      return out(
        [
          { ...call, id: id('connected'), type: 'call.connected', agentId, waitMs },
          agentEvent(options, workerSid, agentId, at, 'on_call'),
        ],
        next,
      );
    }
    case 'task.canceled':
    case 'task.deleted': {
      // A task deleted while still waiting (the application removed it) leaves the queue
      // unanswered too; once accepted, or already canceled, there is nothing left to close.
      if (task.acceptedAt !== undefined) return out([], save(undefined));
      if (type === 'task.deleted' && !state.tasks.has(taskSid)) return out([], state);
      const waitMs = secondsToMs(params.TaskAge);
      if (waitMs === undefined) return fail(`${type}: TaskAge is not whole seconds`);
      const reason = params.TaskCanceledReason;
      const attrs = {
        ...(reason ? { reason } : {}),
        ...callerAttrs(callerOf(params.TaskAttributes)),
      };
      return out(
        [
          {
            ...call,
            id: id('abandoned'),
            type: 'call.abandoned',
            waitMs,
            reason: type === 'task.deleted' ? 'other' : canceledReason(reason),
            ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
          },
        ],
        save(undefined),
      );
    }
    case 'task.transfer-completed':
      // The transferred leg is a task of its own (offered where it is routed, as Connect's
      // legs are); this one ends as a hand-over, as the Asterisk and Connect adapters say it.
      return out([], save({ ...task, transferred: true }));
    case 'task.wrapup': {
      if (!task.workerSid || !task.agentId) return out([], save({ ...task, wrapupAt: at }));
      return out(
        [agentEvent(options, task.workerSid, task.agentId, at, 'wrap')],
        save({ ...task, wrapupAt: at }),
      );
    }
    case 'task.completed': {
      if (task.acceptedAt === undefined || !task.agentId || !task.workerSid) {
        return fail('task.completed: no reservation.accepted was seen for this task');
      }
      const wrapupAt = task.wrapupAt ?? at;
      const disposition =
        dispositionOf(params.TaskAttributes) ?? options.disposition ?? 'completed';
      const reason = params.TaskCompletedReason;
      const back = state.activities.get(task.workerSid) ?? 'available';
      return out(
        [
          {
            ...call,
            id: id('wrapped'),
            type: 'call.wrapped',
            agentId: task.agentId,
            talkMs: Math.max(0, wrapupAt - task.acceptedAt),
            holdMs: 0,
            wrapMs: Math.max(0, at - wrapupAt),
            disposition,
            ...(reason || task.transferred
              ? {
                  attrs: {
                    ...(reason ? { reason } : {}),
                    ...(task.transferred ? { endedBy: 'transfer' } : {}),
                  },
                }
              : {}),
          },
          agentEvent(options, task.workerSid, task.agentId, at, back),
        ],
        save(undefined),
      );
    }
    default:
      // Neither mapped nor known to be irrelevant: kept as a dead letter, never dropped unseen.
      return fail(`${type}: not a TaskRouter event this adapter knows`);
  }
}

function agentOf(options: TwilioOptions, params: Params): string | undefined {
  const sid = params.WorkerSid;
  if (!sid) return undefined;
  return (
    options.agentIds?.[sid] ??
    (params.WorkerName ? options.agentIds?.[params.WorkerName] : undefined) ??
    params.WorkerName ??
    sid
  );
}

function agentEvent(
  options: TwilioOptions,
  workerSid: string,
  agentId: string,
  at: number,
  state: AgentState,
  reason?: string,
): Candidate {
  return {
    id: stableEventId(options.idPrefix ?? ADAPTER, 'worker', workerSid, at, state),
    type: 'agent.state',
    occurredAt: isoAt(at),
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    agentId,
    state,
    ...(reason ? { reason } : {}),
  };
}

/** The task's JSON attributes as an object, or undefined when they are not one. */
function taskAttributes(attributes: string | undefined): Record<string, unknown> | undefined {
  if (!attributes) return undefined;
  try {
    const parsed: unknown = JSON.parse(attributes);
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `disposition` (or Flex Insights' `conversations.outcome`) from the task's JSON attributes. */
function dispositionOf(attributes: string | undefined): string | undefined {
  const o = taskAttributes(attributes) as
    { disposition?: unknown; conversations?: { outcome?: unknown } } | undefined;
  const value = o?.disposition ?? o?.conversations?.outcome;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The caller's number: `from` in the attributes <Enqueue> gives a voice task (or `caller`). */
function callerOf(attributes: string | undefined): string | undefined {
  const o = taskAttributes(attributes);
  const value = o?.['from'] ?? o?.['caller'];
  return typeof value === 'string' ? value : undefined;
}

function activity(ctx: {
  state: TaskRouterState;
  params: Params;
  options: TwilioOptions;
  at: number;
  raw: string;
}): Step<TaskRouterState> {
  const { state, params, options, at, raw } = ctx;
  const workerSid = params.WorkerSid;
  const agentId = agentOf(options, params);
  const name = params.WorkerActivityName;
  if (!workerSid || !agentId || !name) {
    return {
      state,
      events: [],
      rejects: [
        reject(
          ADAPTER,
          'worker.activity.update: WorkerSid and WorkerActivityName are required',
          raw,
        ),
      ],
    };
  }
  const mapped = (options.activities ?? DEFAULT_ACTIVITIES)[name] ?? 'not_ready';
  const reason = mapped === 'break' || mapped === 'not_ready' ? name : undefined;
  const next = { ...state, activities: new Map(state.activities).set(workerSid, mapped) };
  return {
    state: next,
    ...collect(ADAPTER, [agentEvent(options, workerSid, agentId, at, mapped, reason)], raw),
  };
}
