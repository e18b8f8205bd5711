import { z } from 'zod';
import type { QueueLogState } from '@mieruka/adapters';

/**
 * The queue_log mapper's state as JSON (Maps as entry lists), so a position file can carry
 * it: callers waiting (an old EXITWITHTIMEOUT without its wait needs their ENTERQUEUE, an
 * ABANDON its callerid) and agents' pauses survive a restart.
 */
const agentRecord = z.object({
  queues: z.array(z.string()),
  loggedOut: z.boolean(),
  paused: z.string().optional(),
  onCall: z.boolean(),
  state: z.enum(['logged_out', 'available', 'on_call', 'wrap', 'not_ready', 'break']).optional(),
});

export const queueLogStateJson = z.object({
  waiting: z.array(z.tuple([z.string(), z.number()])),
  /** Absent in position files written before connect times were kept. */
  talking: z.array(z.tuple([z.string(), z.number()])).default([]),
  dids: z.array(z.tuple([z.string(), z.string()])),
  /** Absent in position files written before callers were kept. */
  callers: z.array(z.tuple([z.string(), z.string()])).default([]),
  agents: z.array(z.tuple([z.string(), agentRecord])),
});
export type QueueLogStateJson = z.output<typeof queueLogStateJson>;

export function queueLogStateToJson(state: QueueLogState): QueueLogStateJson {
  return {
    waiting: [...state.waiting],
    talking: [...state.talking],
    dids: [...state.dids],
    callers: [...state.callers],
    agents: [...state.agents].map(([member, a]) => [member, { ...a, queues: [...a.queues] }]),
  };
}

export function queueLogStateFromJson(json: QueueLogStateJson): QueueLogState {
  return {
    waiting: new Map(json.waiting),
    talking: new Map(json.talking),
    dids: new Map(json.dids),
    callers: new Map(json.callers),
    agents: new Map(
      json.agents.map(([member, a]) => [
        member,
        {
          queues: a.queues,
          loggedOut: a.loggedOut,
          paused: a.paused,
          onCall: a.onCall,
          state: a.state,
        },
      ]),
    ),
  };
}
