import { callerAttrs } from '../common/caller';
import { abandonReason } from './abandon-reason';
import { connectDialOutcome } from './dial-outcome';
import { collect, reject } from '../common/canonical';
import { stableEventId } from '../common/event-id';
import { isoAt } from '../common/numbers';
import { EMPTY, type Candidate, type Mapped } from '../common/types';
import {
  ADAPTER,
  DEFAULT_CAMPAIGN,
  agentIdOf,
  objectAt,
  secondsAt,
  stringAt,
  timeAt,
  type AmazonConnectOptions,
  type Json,
} from './options';

/** Contacts that wait in a queue for an agent: mapped like an inbound call. */
const QUEUED = new Set(['INBOUND', 'TRANSFER', 'QUEUE_TRANSFER', 'CALLBACK']);
/** Initiation methods understood and deliberately producing nothing. */
const SILENT = new Set([
  'API',
  'DISCONNECT',
  'MONITOR',
  'EXTERNAL_OUTBOUND',
  'WEBRTC_API',
  'AGENT_REPLY',
  'FLOW',
  'CAMPAIGN_PREVIEW',
]);

/**
 * Maps one contact record (https://docs.aws.amazon.com/connect/latest/adminguide/
 * ctr-data-model.html). A queued voice contact (INBOUND, TRANSFER, QUEUE_TRANSFER, CALLBACK)
 * → call.offered at `Queue.EnqueueTimestamp`; answered (`Agent.ConnectedToAgentTimestamp`) →
 * call.connected (wait = connected − enqueued) and, once disconnected, call.wrapped (talk =
 * `AgentInteractionDuration`, hold = `CustomerHoldDuration`, wrap = `AfterContactWorkDuration`);
 * else, once it left the queue, call.abandoned (wait = `Queue.Duration`; reason from
 * `DisconnectReason`, abandon-reason.ts). OUTBOUND (and an outbound campaign's API contact,
 * which names its `Campaign`) → call.dialed, then call.connected when the customer answered
 * (`ConnectedToSystemTimestamp`) and call.wrapped, or call.failed when a machine answered or
 * nobody did (dial-outcome.ts). Ids are `<prefix>:<ContactId>:<kind>`, so the updated
 * records Connect sends again (same ContactId, later `LastUpdateTimestamp`) map to the same
 * events.
 */
export function mapContactRecord(
  record: Json,
  raw: string,
  options: AmazonConnectOptions = {},
): Mapped {
  const fail = (reason: string): Mapped => ({
    events: [],
    rejects: [reject(ADAPTER, reason, raw)],
  });
  const contactId = stringAt(record, 'ContactId');
  if (!contactId) return fail('contact record: ContactId is required');
  const method = stringAt(record, 'InitiationMethod');
  if (!method) return fail(`contact record ${contactId}: InitiationMethod is required`);
  const channel = stringAt(record, 'Channel');
  if (channel !== undefined && channel !== 'VOICE') return EMPTY;
  // An outbound campaign's contact (it names its Campaign) is a dial like an agent's OUTBOUND.
  const campaignId = stringAt(objectAt(record, 'Campaign'), 'CampaignId');
  const outbound = method === 'OUTBOUND' || (method === 'API' && campaignId !== undefined);
  if (SILENT.has(method) && !outbound) return EMPTY;
  if (!QUEUED.has(method) && !outbound) {
    return fail(`contact record ${contactId}: unknown InitiationMethod "${method}"`);
  }

  const times: Record<string, number | undefined> = {};
  const agent = objectAt(record, 'Agent');
  const queue = objectAt(record, 'Queue');
  for (const [where, o, key] of [
    ['', record, 'InitiationTimestamp'],
    ['', record, 'DisconnectTimestamp'],
    ['', record, 'ConnectedToSystemTimestamp'],
    ['Queue.', queue, 'EnqueueTimestamp'],
    ['Queue.', queue, 'DequeueTimestamp'],
    ['Agent.', agent, 'ConnectedToAgentTimestamp'],
    ['Agent.', agent, 'AfterContactWorkEndTimestamp'],
  ] as const) {
    const at = timeAt(o, key);
    if (Number.isNaN(at)) {
      return fail(`contact record ${contactId}: ${where}${key} is not an ISO 8601 timestamp`);
    }
    times[`${where}${key}`] = at;
  }
  const durations: Record<string, number | undefined> = {};
  for (const [where, o, key] of [
    ['Queue.', queue, 'Duration'],
    ['Agent.', agent, 'AgentInteractionDuration'],
    ['Agent.', agent, 'CustomerHoldDuration'],
    ['Agent.', agent, 'AfterContactWorkDuration'],
  ] as const) {
    const ms = secondsAt(o, key);
    if (Number.isNaN(ms)) {
      return fail(`contact record ${contactId}: ${where}${key} is not a number of seconds ≥ 0`);
    }
    durations[`${where}${key}`] = ms;
  }

  const agentId = agent
    ? agentIdOf(options, stringAt(agent, 'Username'), stringAt(agent, 'ARN'))
    : undefined;
  const attributes = objectAt(record, 'Attributes');
  const disposition =
    stringAt(attributes, options.dispositionAttribute ?? 'disposition') ??
    options.disposition ??
    'completed';
  const base = {
    tenant: options.tenant ?? 'default',
    source: ADAPTER,
    callId: contactId,
  };
  const id = (kind: string) => stableEventId(options.idPrefix ?? ADAPTER, contactId, kind);
  const disconnectedAt = times.DisconnectTimestamp;
  const connectedAt = times['Agent.ConnectedToAgentTimestamp'];
  // The agent sent the caller on (a transfer to a number, a queue or an agent): the record's
  // DisconnectReason then tells how the caller's last leg ended, not how this agent's did.
  const transferredOut =
    stringAt(record, 'TransferCompletedTimestamp') !== undefined ||
    objectAt(record, 'TransferredToEndpoint') !== undefined;
  const wrapped = (call: Record<string, unknown>): Candidate[] => {
    if (disconnectedAt === undefined || agentId === undefined) return [];
    const talkMs = durations['Agent.AgentInteractionDuration'];
    const wrapMs = durations['Agent.AfterContactWorkDuration'] ?? 0;
    const at = times['Agent.AfterContactWorkEndTimestamp'] ?? disconnectedAt + wrapMs;
    const callAttrs = (call.attrs ?? {}) as Record<string, string>;
    const endedBy = transferredOut ? { attrs: { ...callAttrs, endedBy: 'transfer' } } : {};
    return [
      {
        ...call,
        ...endedBy,
        id: id('wrapped'),
        type: 'call.wrapped',
        occurredAt: isoAt(at),
        agentId,
        talkMs,
        holdMs: durations['Agent.CustomerHoldDuration'] ?? 0,
        wrapMs,
        disposition,
      },
    ];
  };
  const reason = stringAt(record, 'DisconnectReason');
  const attrs = {
    ...(reason ? { disconnectReason: reason } : {}),
    ...(method !== 'INBOUND' && method !== 'OUTBOUND' ? { initiationMethod: method } : {}),
    ...(stringAt(record, 'PreviousContactId')
      ? { previousContactId: stringAt(record, 'PreviousContactId') as string }
      : {}),
  };
  const withAttrs = Object.keys(attrs).length > 0 ? { attrs } : {};

  if (outbound) {
    const initiatedAt = times.InitiationTimestamp;
    if (initiatedAt === undefined) {
      return fail(`contact record ${contactId}: InitiationTimestamp is required`);
    }
    const campaign =
      stringAt(attributes, options.campaignAttribute ?? 'campaign') ??
      campaignId ??
      options.campaign ??
      DEFAULT_CAMPAIGN;
    // The list entry, when the dialer put it in the contact attributes.
    const listId = stringAt(attributes, 'listId');
    const entryId = stringAt(attributes, 'entryId');
    const call = {
      ...base,
      direction: 'outbound' as const,
      campaign,
      ...(agentId ? { agentId } : {}),
      ...(listId ? { listId } : {}),
      ...(entryId ? { entryId } : {}),
      ...withAttrs,
    };
    const candidates: Candidate[] = [
      { ...call, id: id('dialed'), type: 'call.dialed', occurredAt: isoAt(initiatedAt) },
    ];
    const answeredAt = times.ConnectedToSystemTimestamp;
    const outcome = connectDialOutcome(
      stringAt(record, 'AnsweringMachineDetectionStatus'),
      answeredAt !== undefined,
      disconnectedAt !== undefined,
    );
    if (outcome) {
      const endedAt = disconnectedAt ?? answeredAt ?? initiatedAt;
      candidates.push({
        ...call,
        id: id('failed'),
        type: 'call.failed',
        occurredAt: isoAt(endedAt),
        outcome,
      });
    } else if (answeredAt !== undefined) {
      candidates.push(
        { ...call, id: id('connected'), type: 'call.connected', occurredAt: isoAt(answeredAt) },
        ...wrapped(call),
      );
    }
    return collect(ADAPTER, candidates, raw);
  }

  // A queued contact. Without a queue it never waited for an agent (ended in the flow).
  if (!queue) return EMPTY;
  const queueName = stringAt(queue, 'Name') ?? stringAt(queue, 'ARN');
  const enqueuedAt = times['Queue.EnqueueTimestamp'];
  if (enqueuedAt === undefined) {
    return fail(`contact record ${contactId}: Queue.EnqueueTimestamp is required`);
  }
  const call = {
    ...base,
    direction: 'inbound' as const,
    ...(queueName ? { queue: queueName } : {}),
    ...withAttrs,
  };
  const candidates: Candidate[] = [
    { ...call, id: id('offered'), type: 'call.offered', occurredAt: isoAt(enqueuedAt) },
  ];
  if (connectedAt !== undefined) {
    candidates.push(
      {
        ...call,
        id: id('connected'),
        type: 'call.connected',
        occurredAt: isoAt(connectedAt),
        agentId,
        waitMs: Math.max(0, connectedAt - enqueuedAt),
      },
      ...wrapped(call),
    );
  } else {
    const dequeuedAt = times['Queue.DequeueTimestamp'];
    const leftAt = dequeuedAt ?? disconnectedAt;
    if (leftAt !== undefined) {
      const waitMs = durations['Queue.Duration'] ?? Math.max(0, leftAt - enqueuedAt);
      // Transferred on from the queue unanswered: an abandon of this queue, marked as such.
      const transferredOn = stringAt(record, 'NextContactId') !== undefined;
      const exit = transferredOn ? { exit: 'transfer' } : {};
      // The customer's number, for a call-back (CustomerEndpoint of type TELEPHONE_NUMBER).
      const endpoint = objectAt(record, 'CustomerEndpoint');
      const caller =
        stringAt(endpoint, 'Type') === 'TELEPHONE_NUMBER'
          ? callerAttrs(stringAt(endpoint, 'Address'))
          : {};
      const abandonAttrs = { ...attrs, ...exit, ...caller };
      candidates.push({
        ...call,
        id: id('abandoned'),
        type: 'call.abandoned',
        occurredAt: isoAt(leftAt),
        waitMs,
        reason: abandonReason(reason, transferredOn),
        ...(Object.keys(abandonAttrs).length > 0 ? { attrs: abandonAttrs } : {}),
      });
    }
  }
  return collect(ADAPTER, candidates, raw);
}
