import { canonical } from '../common/testing';
import { mapContactRecord } from './contact-record';
import type { AmazonConnectOptions } from './options';

// Contact records as in the contact record data model
// (https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html): ContactId,
// Channel, InitiationMethod, InitiationTimestamp, ConnectedToSystemTimestamp,
// DisconnectTimestamp, LastUpdateTimestamp, DisconnectReason, Attributes, Queue {ARN, Name,
// EnqueueTimestamp, DequeueTimestamp, Duration (s)}, Agent {ARN, Username,
// ConnectedToAgentTimestamp, AgentInteractionDuration, CustomerHoldDuration,
// AfterContactWorkDuration, AfterContactWorkStartTimestamp, AfterContactWorkEndTimestamp} (s).
const ID = '1f2a3b4c-0000-4000-8000-000000000001';
const QUEUE = {
  ARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/abc/queue/q1',
  Name: 'support',
  EnqueueTimestamp: '2026-11-24T01:00:05Z',
  DequeueTimestamp: '2026-11-24T01:00:20Z',
  Duration: 15,
};
const AGENT = {
  ARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/abc/agent/a1',
  Username: 'alice',
  ConnectedToAgentTimestamp: '2026-11-24T01:00:20Z',
  AgentInteractionDuration: 170,
  CustomerHoldDuration: 10,
  AfterContactWorkDuration: 30,
  AfterContactWorkStartTimestamp: '2026-11-24T01:03:20Z',
  AfterContactWorkEndTimestamp: '2026-11-24T01:03:50Z',
};
const inbound = (extra: Record<string, unknown> = {}) => ({
  AWSAccountId: '123456789012',
  AWSContactTraceRecordFormatVersion: '2017-03-10',
  Channel: 'VOICE',
  ContactId: ID,
  InitiationMethod: 'INBOUND',
  InitiationTimestamp: '2026-11-24T01:00:00Z',
  ConnectedToSystemTimestamp: '2026-11-24T01:00:00Z',
  DisconnectTimestamp: '2026-11-24T01:03:20Z',
  LastUpdateTimestamp: '2026-11-24T01:04:02Z',
  DisconnectReason: 'CUSTOMER_DISCONNECT',
  Attributes: {},
  Queue: QUEUE,
  Agent: AGENT,
  ...extra,
});
const map = (record: Record<string, unknown>, options: AmazonConnectOptions = {}) => {
  const result = mapContactRecord(record, JSON.stringify(record), options);
  canonical(result.events);
  return result;
};
const call = {
  tenant: 'default',
  source: 'amazon-connect',
  callId: ID,
  direction: 'inbound',
  queue: 'support',
  attrs: { disconnectReason: 'CUSTOMER_DISCONNECT' },
} as const;

describe('mapContactRecord', () => {
  // The layout of a published production record (an agent sends the caller on to an outside
  // number after two holds; the caller hangs up there 19 minutes later; Connect re-sends the
  // record days later with attributes added): TransferCompletedTimestamp and
  // TransferredToEndpoint set, DisconnectReason CUSTOMER_DISCONNECT. Values are ours.
  it('marks a call the agent transferred out: endedBy transfer, and the re-sent record maps to the same ids', () => {
    const transferred = (lastUpdate: string, attributes: Record<string, string>) =>
      inbound({
        DisconnectTimestamp: '2026-11-24T01:22:40Z',
        LastUpdateTimestamp: lastUpdate,
        Attributes: attributes,
        TransferCompletedTimestamp: '2026-11-24T01:03:20Z',
        TransferredToEndpoint: { Address: '+81300000000', Type: 'TELEPHONE_NUMBER' },
        NextContactId: null,
        PreviousContactId: null,
      });
    const first = map(transferred('2026-11-24T01:23:47Z', { ewtcheck: 'Y' }));
    const again = map(
      transferred('2026-11-30T03:41:32Z', {
        ewtcheck: 'Y',
        GreetingPlayed: 'false',
        greetingPlayed: 'false',
      }),
    );
    expect(first.rejects).toEqual([]);
    expect(first.events.map((e) => e.type)).toEqual([
      'call.offered',
      'call.connected',
      'call.wrapped',
    ]);
    const wrapped = first.events[2];
    expect(wrapped).toMatchObject({
      occurredAt: '2026-11-24T01:03:50.000Z', // the agent's wrap-up end, not the caller's hang-up
      talkMs: 170_000,
      holdMs: 10_000,
      wrapMs: 30_000,
      attrs: { disconnectReason: 'CUSTOMER_DISCONNECT', endedBy: 'transfer' },
    });
    expect(again.events).toEqual(first.events);
  });

  it('maps an answered inbound contact: offered, connected, wrapped', () => {
    const { events, rejects } = map(inbound({ Attributes: { disposition: 'resolved' } }));
    expect(rejects).toEqual([]);
    expect(events).toEqual([
      {
        ...call,
        id: `amazon-connect:${ID}:offered`,
        type: 'call.offered',
        occurredAt: '2026-11-24T01:00:05.000Z',
      },
      {
        ...call,
        id: `amazon-connect:${ID}:connected`,
        type: 'call.connected',
        occurredAt: '2026-11-24T01:00:20.000Z',
        agentId: 'alice',
        waitMs: 15_000,
      },
      {
        ...call,
        id: `amazon-connect:${ID}:wrapped`,
        type: 'call.wrapped',
        occurredAt: '2026-11-24T01:03:50.000Z',
        agentId: 'alice',
        talkMs: 170_000,
        holdMs: 10_000,
        wrapMs: 30_000,
        disposition: 'resolved',
      },
    ]);
  });

  it('uses the configured disposition, agent ids, id prefix and tenant', () => {
    const { events } = map(inbound(), {
      disposition: 'done',
      agentIds: { alice: 'a-17' },
      idPrefix: 'connect-tokyo',
      tenant: 'osaka',
    });
    expect(events.map((e) => [e.id, e.tenant, e.agentId])).toEqual([
      [`connect-tokyo:${ID}:offered`, 'osaka', undefined],
      [`connect-tokyo:${ID}:connected`, 'osaka', 'a-17'],
      [`connect-tokyo:${ID}:wrapped`, 'osaka', 'a-17'],
    ]);
    expect(events[2]).toMatchObject({ disposition: 'done' });
  });

  it('defaults the disposition to completed and wrap-up end to disconnect + ACW', () => {
    const agent = { ...AGENT, AfterContactWorkEndTimestamp: undefined };
    const { events } = map(inbound({ Agent: agent }));
    expect(events[2]).toMatchObject({
      disposition: 'completed',
      occurredAt: '2026-11-24T01:03:50.000Z',
    });
  });

  it('maps an abandon with the queue Duration as the wait', () => {
    const { events, rejects } = map(
      inbound({
        Agent: null,
        Queue: { ...QUEUE, DequeueTimestamp: '2026-11-24T01:00:45Z', Duration: 40 },
        DisconnectTimestamp: '2026-11-24T01:00:45Z',
      }),
    );
    expect(rejects).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['call.offered', 'call.abandoned']);
    expect(events[1]).toEqual({
      ...call,
      id: `amazon-connect:${ID}:abandoned`,
      type: 'call.abandoned',
      occurredAt: '2026-11-24T01:00:45.000Z',
      waitMs: 40_000,
      reason: 'caller_hangup',
    });
  });

  it.each<[string | undefined, string]>([
    ['CUSTOMER_DISCONNECT', 'caller_hangup'],
    ['CONTACT_FLOW_DISCONNECT', 'timeout'],
    ['EXPIRED', 'timeout'],
    ['TELECOM_PROBLEM', 'other'],
    [undefined, 'other'],
  ])('gives an abandon with DisconnectReason %s the reason %s', (disconnect, reason) => {
    const { events } = map(inbound({ Agent: null, DisconnectReason: disconnect }));
    expect(events[1]).toMatchObject({ type: 'call.abandoned', reason });
  });

  it('keeps the customer’s number of an abandoned contact for a call-back', () => {
    const abandon = (endpoint: unknown) =>
      map(inbound({ Agent: null, CustomerEndpoint: endpoint })).events[1];
    expect(abandon({ Type: 'TELEPHONE_NUMBER', Address: '+81312345678' })?.attrs).toEqual({
      disconnectReason: 'CUSTOMER_DISCONNECT',
      caller: '+81312345678',
    });
    expect(abandon({ Type: 'CONTACT_FLOW', Address: 'flow' })?.attrs).toEqual({
      disconnectReason: 'CUSTOMER_DISCONNECT',
    });
    // Only the abandon carries it: an answered contact's events do not.
    const answered = map(
      inbound({ CustomerEndpoint: { Type: 'TELEPHONE_NUMBER', Address: '+81312345678' } }),
    );
    expect(answered.events.some((e) => e.attrs?.['caller'] !== undefined)).toBe(false);
  });

  it('measures an abandon from the timestamps when Duration is missing', () => {
    const { events } = map(
      inbound({
        Agent: null,
        Queue: { ...QUEUE, DequeueTimestamp: undefined, Duration: undefined },
        DisconnectTimestamp: '2026-11-24T01:00:37Z',
      }),
    );
    expect(events[1]).toMatchObject({ type: 'call.abandoned', waitMs: 32_000 });
  });

  it('marks a contact transferred on from the queue unanswered', () => {
    const { events } = map(
      inbound({
        Agent: null,
        NextContactId: 'next-contact',
        DisconnectReason: 'CONTACT_FLOW_DISCONNECT',
      }),
    );
    expect(events[1]).toMatchObject({
      type: 'call.abandoned',
      waitMs: 15_000,
      reason: 'other', // sent on to another queue or a callback: not the caller hanging up
      attrs: { disconnectReason: 'CONTACT_FLOW_DISCONNECT', exit: 'transfer' },
    });
  });

  it('maps the leg of a transfer into another queue as a new offered call', () => {
    const { events } = map(
      inbound({
        ContactId: 'leg-2',
        InitiationMethod: 'TRANSFER',
        PreviousContactId: ID,
        InitialContactId: ID,
        DisconnectReason: undefined,
        Queue: { ...QUEUE, Name: 'billing' },
      }),
    );
    expect(events.map((e) => [e.type, e.callId, e.queue])).toEqual([
      ['call.offered', 'leg-2', 'billing'],
      ['call.connected', 'leg-2', 'billing'],
      ['call.wrapped', 'leg-2', 'billing'],
    ]);
    expect(events[0]?.attrs).toEqual({ initiationMethod: 'TRANSFER', previousContactId: ID });
  });

  it('maps an outbound contact: dialed, connected when answered, wrapped', () => {
    const { events, rejects } = map({
      ContactId: 'out-1',
      Channel: 'VOICE',
      InitiationMethod: 'OUTBOUND',
      InitiationTimestamp: '2026-11-24T01:10:00Z',
      ConnectedToSystemTimestamp: '2026-11-24T01:10:12Z',
      DisconnectTimestamp: '2026-11-24T01:15:12Z',
      LastUpdateTimestamp: '2026-11-24T01:16:00Z',
      Attributes: { campaign: 'renewal', disposition: 'sale' },
      Queue: { Name: 'BasicQueue', ARN: 'arn:q' },
      Agent: {
        Username: 'bob',
        ConnectedToAgentTimestamp: '2026-11-24T01:10:00Z',
        AgentInteractionDuration: 300,
        CustomerHoldDuration: 0,
        AfterContactWorkDuration: 20,
      },
    });
    expect(rejects).toEqual([]);
    const out = {
      tenant: 'default',
      source: 'amazon-connect',
      callId: 'out-1',
      direction: 'outbound',
      campaign: 'renewal',
      agentId: 'bob',
    };
    expect(events).toEqual([
      {
        ...out,
        id: 'amazon-connect:out-1:dialed',
        type: 'call.dialed',
        occurredAt: '2026-11-24T01:10:00.000Z',
      },
      {
        ...out,
        id: 'amazon-connect:out-1:connected',
        type: 'call.connected',
        occurredAt: '2026-11-24T01:10:12.000Z',
      },
      {
        ...out,
        id: 'amazon-connect:out-1:wrapped',
        type: 'call.wrapped',
        occurredAt: '2026-11-24T01:15:32.000Z',
        talkMs: 300_000,
        holdMs: 0,
        wrapMs: 20_000,
        disposition: 'sale',
      },
    ]);
  });

  it('gives an unanswered outbound contact the default campaign, its dial and a no answer', () => {
    const { events } = map(
      {
        ContactId: 'out-2',
        InitiationMethod: 'OUTBOUND',
        InitiationTimestamp: '2026-11-24T01:10:00Z',
        DisconnectTimestamp: '2026-11-24T01:10:30Z',
        Agent: { Username: 'bob', AgentInteractionDuration: 0 },
      },
      { campaign: 'winback' },
    );
    expect(events.map((e) => [e.type, e.campaign, 'outcome' in e ? e.outcome : null])).toEqual([
      ['call.dialed', 'winback', null],
      ['call.failed', 'winback', 'no_answer'],
    ]);
  });

  it('gives an unanswered outbound contact still ringing only its dial', () => {
    const { events } = map({
      ContactId: 'out-3',
      InitiationMethod: 'OUTBOUND',
      InitiationTimestamp: '2026-11-24T01:10:00Z',
    });
    expect(events.map((e) => e.type)).toEqual(['call.dialed']);
  });

  // An outbound campaign's contact as the Contact API documents it
  // (https://docs.aws.amazon.com/connect/latest/APIReference/API_Contact.html): a Campaign with
  // its CampaignId and an AnsweringMachineDetectionStatus; the list entry in the attributes.
  it.each([
    ['VOICEMAIL_BEEP', 'answering_machine'],
    ['VOICEMAIL_NO_BEEP', 'answering_machine'],
    ['FAX_MACHINE_DETECTED', 'fax'],
    ['SIT_TONE_BUSY', 'busy'],
    ['SIT_TONE_INVALID_NUMBER', 'invalid_number'],
    ['SIT_TONE_DETECTED', 'other'],
    ['AMD_UNANSWERED', 'no_answer'],
  ])('maps a campaign contact whose detection says %s to a failed dial: %s', (status, outcome) => {
    const { events, rejects } = map({
      ContactId: 'camp-1',
      Channel: 'VOICE',
      InitiationMethod: 'API',
      InitiationTimestamp: '2026-11-24T01:10:00Z',
      ConnectedToSystemTimestamp: '2026-11-24T01:10:09Z',
      DisconnectTimestamp: '2026-11-24T01:10:20Z',
      Campaign: { CampaignId: 'c6f1e2d3-0000-4000-8000-000000000001' },
      AnsweringMachineDetectionStatus: status,
      Attributes: { listId: 'L-12', entryId: 'lead-81' },
    });
    expect(rejects).toEqual([]);
    const call = {
      tenant: 'default',
      source: 'amazon-connect',
      callId: 'camp-1',
      direction: 'outbound',
      campaign: 'c6f1e2d3-0000-4000-8000-000000000001',
      listId: 'L-12',
      entryId: 'lead-81',
      attrs: { initiationMethod: 'API' },
    };
    expect(events).toEqual([
      {
        ...call,
        id: 'amazon-connect:camp-1:dialed',
        type: 'call.dialed',
        occurredAt: '2026-11-24T01:10:00.000Z',
      },
      {
        ...call,
        id: 'amazon-connect:camp-1:failed',
        type: 'call.failed',
        occurredAt: '2026-11-24T01:10:20.000Z',
        outcome,
      },
    ]);
  });

  it('maps a campaign contact a person answered as a connect, and an API contact without a campaign to nothing', () => {
    const answered = map({
      ContactId: 'camp-2',
      InitiationMethod: 'API',
      InitiationTimestamp: '2026-11-24T01:10:00Z',
      ConnectedToSystemTimestamp: '2026-11-24T01:10:09Z',
      Campaign: { CampaignId: 'c-1' },
      AnsweringMachineDetectionStatus: 'HUMAN_ANSWERED',
      Agent: { Username: 'bob', ConnectedToAgentTimestamp: '2026-11-24T01:10:10Z' },
    });
    expect(answered.events.map((e) => e.type)).toEqual(['call.dialed', 'call.connected']);
    const plain = map({
      ContactId: 'api-1',
      InitiationMethod: 'API',
      InitiationTimestamp: '2026-11-24T01:10:00Z',
    });
    expect(plain).toEqual({ events: [], rejects: [] });
  });

  it('maps the same ids for an updated record (later LastUpdateTimestamp)', () => {
    const first = map(inbound()).events.map((e) => e.id);
    const updated = map(
      inbound({ LastUpdateTimestamp: '2026-11-24T02:30:00Z', Attributes: { note: 'x' } }),
    ).events.map((e) => e.id);
    expect(updated).toEqual(first);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a chat contact', inbound({ Channel: 'CHAT' })],
    ['a contact that never reached a queue', inbound({ Queue: null, Agent: null })],
    ['a monitoring contact', inbound({ InitiationMethod: 'MONITOR' })],
    ['an API-initiated contact', inbound({ InitiationMethod: 'API' })],
  ])('maps %s to nothing', (_name, record) => {
    expect(map(record)).toEqual({ events: [], rejects: [] });
  });

  it('maps a queued contact still waiting (no dequeue, no disconnect) to offered only', () => {
    const { events } = map(
      inbound({
        Agent: null,
        DisconnectTimestamp: undefined,
        Queue: { ...QUEUE, DequeueTimestamp: undefined, Duration: undefined },
      }),
    );
    expect(events.map((e) => e.type)).toEqual(['call.offered']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no ContactId', inbound({ ContactId: undefined }), 'contact record: ContactId is required'],
    [
      'no InitiationMethod',
      inbound({ InitiationMethod: undefined }),
      `contact record ${ID}: InitiationMethod is required`,
    ],
    [
      'an unknown InitiationMethod',
      inbound({ InitiationMethod: 'TELEPATHY' }),
      `contact record ${ID}: unknown InitiationMethod "TELEPATHY"`,
    ],
    [
      'a bad timestamp',
      inbound({ Queue: { ...QUEUE, EnqueueTimestamp: 'yesterday' } }),
      `contact record ${ID}: Queue.EnqueueTimestamp is not an ISO 8601 timestamp`,
    ],
    [
      'a queue without EnqueueTimestamp',
      inbound({ Queue: { Name: 'support' } }),
      `contact record ${ID}: Queue.EnqueueTimestamp is required`,
    ],
    [
      'a negative duration',
      inbound({ Agent: { ...AGENT, CustomerHoldDuration: -3 } }),
      `contact record ${ID}: Agent.CustomerHoldDuration is not a number of seconds ≥ 0`,
    ],
    [
      'an answered contact without AgentInteractionDuration',
      inbound({ Agent: { ...AGENT, AgentInteractionDuration: undefined } }),
      'talkMs',
    ],
  ])('rejects %s with a reason', (_name, record, reason) => {
    const raw = JSON.stringify(record);
    const result = mapContactRecord(record, raw);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0]).toMatchObject({ adapter: 'amazon-connect', raw });
    expect(result.rejects[0]?.reason).toContain(reason);
  });
});
