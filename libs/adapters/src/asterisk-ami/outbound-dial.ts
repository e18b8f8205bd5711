import type { CallEventInput, DialOutcome } from '@mieruka/contracts';
import { agentIdOf, type AsteriskOptions } from '../common/asterisk-options';
import { stableEventId } from '../common/event-id';
import { isoAt } from '../common/numbers';
import { fields, field, type AmiFrame } from './frame';

/**
 * Outbound dials on AMI. Asterisk does not know a dial is a campaign's: the dialer says so by
 * setting channel variables on the call it originates, and manager.conf's `channelvars` puts
 * them on every event as `ChanVariable: NAME=value` (the dialling channel) and
 * `DestChanVariable: NAME=value` (the dialled one). A DialBegin / DialEnd whose channels carry
 * the campaign variable is an outbound dial; any other dial (inbound queues ringing members,
 * internal calls) maps to nothing, as before.
 */
export const OUTBOUND_VARIABLES = {
  campaign: 'mieruka_campaign',
  listId: 'mieruka_list',
  entryId: 'mieruka_entry',
  agentId: 'mieruka_agent',
} as const;

/**
 * DialEnd's DialStatus (app_dial's DIALSTATUS) → how the dial ended. CONGESTION is what a
 * number the network does not know usually gives (現アナ); CHANUNAVAIL is our own trunk or
 * peer unavailable, CANCEL the dialling side hanging up while it still rang (nobody answered),
 * DONTCALL / TORTURE the callee refusing under privacy screening.
 */
const OUTCOMES: Readonly<Record<string, DialOutcome>> = {
  NOANSWER: 'no_answer',
  CANCEL: 'no_answer',
  BUSY: 'busy',
  CONGESTION: 'invalid_number',
  DONTCALL: 'rejected',
  TORTURE: 'rejected',
  CHANUNAVAIL: 'other',
  INVALIDARGS: 'other',
};

/** The campaign variables of both channels of a dial frame (the dialled one's win). */
function variables(frame: AmiFrame): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const key of ['ChanVariable', 'DestChanVariable']) {
    for (const pair of fields(frame, key)) {
      const eq = pair.indexOf('=');
      const value = eq > 0 ? pair.slice(eq + 1).trim() : '';
      if (value) out.set(pair.slice(0, eq).trim(), value);
    }
  }
  return out;
}

/**
 * DialBegin → call.dialed; DialEnd → call.failed with its outcome, or call.connected on
 * ANSWER when the dialer named the agent (`mieruka_agent`; an outbound connect needs one).
 * The call is the dialled channel (DestUniqueid): each attempt is its own call, so a re-dial
 * of the same entry is another dial. `undefined`: not an outbound dial.
 */
export function outboundDial(
  frame: AmiFrame,
  event: 'DialBegin' | 'DialEnd',
  at: number,
  options: AsteriskOptions,
): { readonly candidates: readonly CallEventInput[] } | { readonly reject: string } | undefined {
  const vars = variables(frame);
  const campaign = vars.get(OUTBOUND_VARIABLES.campaign);
  if (!campaign) return undefined;
  const callId = field(frame, 'DestUniqueid')?.trim();
  if (!callId) return { reject: `${event}: an outbound dial needs DestUniqueid` };
  const listId = vars.get(OUTBOUND_VARIABLES.listId);
  const entryId = vars.get(OUTBOUND_VARIABLES.entryId);
  const agent = vars.get(OUTBOUND_VARIABLES.agentId);
  const base = {
    occurredAt: isoAt(at),
    tenant: options.tenant ?? 'default',
    source: 'asterisk-ami',
    callId,
    direction: 'outbound' as const,
    campaign,
    ...(listId ? { listId } : {}),
    ...(entryId ? { entryId } : {}),
    ...(agent ? { agentId: agentIdOf(options, agent) } : {}),
  };
  const id = (kind: string) => stableEventId(options.idPrefix ?? 'asterisk-ami', callId, kind);
  if (event === 'DialBegin') {
    return { candidates: [{ ...base, id: id('dialed'), type: 'call.dialed' }] };
  }
  const status = field(frame, 'DialStatus')?.trim().toUpperCase() ?? '';
  if (status === 'ANSWER') {
    if (!base.agentId) return { candidates: [] };
    return {
      candidates: [{ ...base, agentId: base.agentId, id: id('connected'), type: 'call.connected' }],
    };
  }
  const outcome = OUTCOMES[status];
  if (!outcome) return { reject: `DialEnd: unknown DialStatus "${status}"` };
  return { candidates: [{ ...base, id: id('failed'), type: 'call.failed', outcome }] };
}
