import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt } from '../common/numbers';
import type { BaseOptions, Candidate, Mapped } from '../common/types';
import { twilioDialOutcome } from './dial-outcome';

const ADAPTER = 'twilio' as const;

export interface VoiceStatusOptions extends BaseOptions {
  /** The campaign of outbound calls when the callback carries none. */
  readonly campaign?: string;
  /** Parameter naming the campaign (add it to the StatusCallback URL's query); `campaign`. */
  readonly campaignParam?: string;
  /** Parameter naming the agent (add it to the StatusCallback URL's query); `agentId`. */
  readonly agentParam?: string;
}

const STATUSES = new Set([
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
]);

/**
 * Maps one Voice status callback (https://www.twilio.com/docs/voice/api/call-resource
 * #statuscallback): for outbound calls (`outbound-api`, `outbound-dial`), `initiated` →
 * call.dialed, `in-progress` (the callee answered) → call.connected, and a dial that ended
 * without a person (busy, no-answer, failed, canceled, or answered by a machine or fax per
 * `AnsweredBy`) → call.failed with its outcome (`dial-outcome.ts`). Inbound calls are counted
 * through TaskRouter; other statuses produce no event. The transport merges the callback
 * URL's query into `params`, which is where campaign, agent, `listId` and `entryId` are passed.
 */
export function mapVoiceStatus(
  params: Readonly<Record<string, string>>,
  options: VoiceStatusOptions = {},
): Mapped {
  const raw = new URLSearchParams(params).toString();
  const fail = (reason: string): Mapped => ({
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  const { CallSid: sid, CallStatus: status, Direction: direction } = params;
  if (!sid || !status || !direction)
    return fail('voice status: CallSid, CallStatus and Direction are required');
  if (!STATUSES.has(status)) return fail(`voice status: unknown CallStatus "${status}"`);
  if (!direction.startsWith('outbound')) return { events: [], rejects: [] };
  const outcome = twilioDialOutcome(status, params.AnsweredBy);
  if (!outcome && status !== 'initiated' && status !== 'in-progress')
    return { events: [], rejects: [] };
  const at = params.Timestamp ? Date.parse(params.Timestamp) : NaN;
  if (!Number.isFinite(at)) return fail('voice status: Timestamp is not an RFC 2822 date');
  const campaign = params[options.campaignParam ?? 'campaign'] ?? options.campaign;
  const agentId = params[options.agentParam ?? 'agentId'];
  const base = {
    occurredAt: isoAt(at),
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    callId: sid,
    direction: 'outbound' as const,
    ...(campaign ? { campaign } : {}),
    ...(agentId ? { agentId } : {}),
    ...(params.listId ? { listId: params.listId } : {}),
    ...(params.entryId ? { entryId: params.entryId } : {}),
  };
  const id = (kind: string) => stableEventId(options.idPrefix ?? ADAPTER, sid, kind);
  // One failed event per call, whichever callback (answered or completed) named the machine.
  const candidate: Candidate = outcome
    ? { ...base, id: id('failed'), type: 'call.failed', outcome }
    : status === 'initiated'
      ? { ...base, id: id('dialed'), type: 'call.dialed' }
      : { ...base, id: id('connected'), type: 'call.connected' };
  return collect(ADAPTER, [candidate], raw);
}
