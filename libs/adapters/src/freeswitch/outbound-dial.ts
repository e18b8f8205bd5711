import type { DialOutcome } from '@mieruka/contracts';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt, wholeNumber } from '../common/numbers';
import type { Candidate, Mapped } from '../common/types';
import type { FreeswitchOptions } from './map-event';

const ADAPTER = 'freeswitch' as const;

/**
 * Channel variables the dialer sets on the legs it originates
 * (`{mieruka_campaign=renewal,mieruka_list=L-12,mieruka_entry=lead-81}sofia/gateway/…`); a
 * plain event carries each as `variable_<name>`. mod_callcenter is inbound only, so these are
 * how a hang-up is known to be a campaign's dial.
 */
export const OUTBOUND_CHANNEL_VARIABLES = {
  campaign: 'variable_mieruka_campaign',
  listId: 'variable_mieruka_list',
  entryId: 'variable_mieruka_entry',
  agentId: 'variable_mieruka_agent',
} as const;

/**
 * FreeSWITCH hang-up causes (Q.850 names) of a leg never answered → how the dial ended.
 * ORIGINATOR_CANCEL is the dialler giving up while it rang; causes not listed (network
 * failures, our own gateway down) are `other`.
 */
const OUTCOMES: Readonly<Record<string, DialOutcome>> = {
  NO_ANSWER: 'no_answer',
  NO_USER_RESPONSE: 'no_answer',
  ORIGINATOR_CANCEL: 'no_answer',
  USER_BUSY: 'busy',
  UNALLOCATED_NUMBER: 'invalid_number',
  NO_ROUTE_DESTINATION: 'invalid_number',
  NUMBER_CHANGED: 'invalid_number',
  INVALID_NUMBER_FORMAT: 'invalid_number',
  CALL_REJECTED: 'rejected',
};

type Headers = Readonly<Record<string, string | undefined>>;

/**
 * One `CHANNEL_HANGUP_COMPLETE` of an outbound leg carrying `mieruka_campaign`: the whole dial
 * is in it — call.dialed at Caller-Channel-Created-Time, then call.connected at
 * Caller-Channel-Answered-Time (when the dialer named the agent) or call.failed by
 * Hangup-Cause at the hang-up. Other events and legs map to nothing. The call id is the leg's
 * Unique-ID, so a re-dial of an entry is another dial and a replayed event the same one.
 */
export function mapOutboundHangup(event: Headers, options: FreeswitchOptions = {}): Mapped {
  if (event['Event-Name'] !== 'CHANNEL_HANGUP_COMPLETE') return { events: [], rejects: [] };
  const campaign = event[OUTBOUND_CHANNEL_VARIABLES.campaign]?.trim();
  if (!campaign) return { events: [], rejects: [] };
  const raw = Object.entries(event)
    .map(([k, v]) => `${k}: ${v ?? ''}`)
    .join('\n');
  const fail = (reason: string): Mapped => ({
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  const callId = event['Unique-ID']?.trim();
  if (!callId) return fail('CHANNEL_HANGUP_COMPLETE: Unique-ID is required');
  // FreeSWITCH times are microseconds since the epoch; 0 means "did not happen".
  const ms = (name: string) => {
    const micros = wholeNumber(event[name]);
    return micros === undefined ? undefined : Math.floor(micros / 1000);
  };
  const created = ms('Caller-Channel-Created-Time');
  const answered = ms('Caller-Channel-Answered-Time') ?? 0;
  const ended = ms('Event-Date-Timestamp');
  if (!created || ended === undefined)
    return fail(
      'CHANNEL_HANGUP_COMPLETE: Caller-Channel-Created-Time and Event-Date-Timestamp must be epoch microseconds',
    );
  const listId = event[OUTBOUND_CHANNEL_VARIABLES.listId]?.trim();
  const entryId = event[OUTBOUND_CHANNEL_VARIABLES.entryId]?.trim();
  const agent = event[OUTBOUND_CHANNEL_VARIABLES.agentId]?.trim();
  const base = {
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    callId,
    direction: 'outbound',
    campaign,
    ...(listId ? { listId } : {}),
    ...(entryId ? { entryId } : {}),
    // As mod_callcenter's agents: the agentIds setting, else the name without `@domain`.
    ...(agent
      ? {
          agentId:
            options.agentIds?.[agent] ??
            (options.keepDomain ? agent : agent.replace(/@[^@]*$/, '')),
        }
      : {}),
  };
  const id = (kind: string) => stableEventId(options.idPrefix ?? ADAPTER, callId, kind);
  const dialed: Candidate = {
    ...base,
    id: id('dialed'),
    type: 'call.dialed',
    occurredAt: isoAt(created),
  };
  if (answered > 0) {
    if (!agent) return collect(ADAPTER, [dialed], raw);
    const connected: Candidate = {
      ...base,
      id: id('connected'),
      type: 'call.connected',
      occurredAt: isoAt(answered),
    };
    return collect(ADAPTER, [dialed, connected], raw);
  }
  const cause = event['Hangup-Cause']?.trim() ?? '';
  const failed: Candidate = {
    ...base,
    id: id('failed'),
    type: 'call.failed',
    occurredAt: isoAt(ended),
    outcome: OUTCOMES[cause] ?? 'other',
  };
  return collect(ADAPTER, [dialed, failed], raw);
}
