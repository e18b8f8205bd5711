import type { DeadLetter } from '@mieruka/contracts';
import { adapterHealth, liveSnapshot } from '../support/adapters';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-11-24T10:15:00.000+09:00';
const KEY = 'firehose-access-key-0123456789';
const ARN = (id: string) => `arn:aws:connect:ap-northeast-1:123456789012:instance/i-1/agent/${id}`;
const utc = (hms: string) => `2026-11-24T${hms}Z`;

// Amazon Connect, Asia/Tokyo 2026-11-24 (records carry UTC; 01:00Z is 10:00 in Tokyo):
//   00:55 Alice, Bob, Carol become Available (a heartbeat of Bob's changes nothing)
//   01:00:00 contact c-1 enters `support`; 01:00:15 Alice answers (wait 15 s); 170 s of talk,
//            10 s of hold, disconnected 01:03:20; 30 s of after-contact work (disposition resolved)
//   01:01:00 contact c-2 enters `support`; 01:01:40 the caller hangs up (queue Duration 40 s)
//   01:02:00 Carol goes on Break
//   01:04:00 Bob dials out (campaign renewal); 01:04:12 the customer answers; 300 s of talk,
//            disconnected 01:09:12, no after-contact work; disposition sale
//   01:11:00 the outbound campaign dials list L-12's lead-83; detection hears a voicemail beep
const agent = (
  type: string,
  at: string,
  id: string,
  user: string,
  status: string,
  contacts: string[] = [],
) => ({
  AgentARN: ARN(id),
  AWSAccountId: '123456789012',
  EventId: `${id}-${at}`,
  EventTimestamp: utc(at),
  EventType: type,
  InstanceARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/i-1',
  Version: '2019-05-25',
  CurrentAgentSnapshot: {
    AgentStatus: { Name: status, StartTimestamp: utc('00:55:00') },
    Configuration: { Username: user, RoutingProfile: { Name: 'Basic' } },
    Contacts: contacts.map((State) => ({ ContactId: 'x', Channel: 'VOICE', State })),
  },
  PreviousAgentSnapshot: null,
});
const ANSWERED = {
  AWSContactTraceRecordFormatVersion: '2017-03-10',
  ContactId: 'c-1',
  Channel: 'VOICE',
  InitiationMethod: 'INBOUND',
  InitiationTimestamp: utc('00:59:50'),
  ConnectedToSystemTimestamp: utc('00:59:50'),
  DisconnectTimestamp: utc('01:03:20'),
  LastUpdateTimestamp: utc('01:04:00'),
  DisconnectReason: 'CUSTOMER_DISCONNECT',
  Attributes: { disposition: 'resolved' },
  Queue: {
    Name: 'support',
    EnqueueTimestamp: utc('01:00:00'),
    DequeueTimestamp: utc('01:00:15'),
    Duration: 15,
  },
  Agent: {
    Username: 'alice',
    ARN: ARN('a-1'),
    ConnectedToAgentTimestamp: utc('01:00:15'),
    AgentInteractionDuration: 170,
    CustomerHoldDuration: 10,
    AfterContactWorkDuration: 30,
    AfterContactWorkEndTimestamp: utc('01:03:50'),
  },
};
const ABANDONED = {
  ContactId: 'c-2',
  Channel: 'VOICE',
  InitiationMethod: 'INBOUND',
  InitiationTimestamp: utc('01:00:55'),
  DisconnectTimestamp: utc('01:01:40'),
  LastUpdateTimestamp: utc('01:02:00'),
  DisconnectReason: 'CUSTOMER_DISCONNECT',
  Queue: {
    Name: 'support',
    EnqueueTimestamp: utc('01:01:00'),
    DequeueTimestamp: utc('01:01:40'),
    Duration: 40,
  },
  Agent: null,
};
const OUTBOUND = {
  ContactId: 'o-1',
  Channel: 'VOICE',
  InitiationMethod: 'OUTBOUND',
  InitiationTimestamp: utc('01:04:00'),
  ConnectedToSystemTimestamp: utc('01:04:12'),
  DisconnectTimestamp: utc('01:09:12'),
  LastUpdateTimestamp: utc('01:10:00'),
  DisconnectReason: 'AGENT_DISCONNECT',
  Attributes: { campaign: 'renewal', disposition: 'sale' },
  Agent: {
    Username: 'bob',
    ConnectedToAgentTimestamp: utc('01:04:00'),
    AgentInteractionDuration: 300,
    CustomerHoldDuration: 0,
    AfterContactWorkDuration: 0,
  },
};
const RECORDS = [
  agent('LOGIN', '00:55:00', 'a-1', 'alice', 'Available'),
  agent('LOGIN', '00:55:00', 'a-2', 'bob', 'Available'),
  agent('LOGIN', '00:55:00', 'a-3', 'carol', 'Available'),
  agent('HEART_BEAT', '00:56:00', 'a-2', 'bob', 'Available'),
  agent('STATE_CHANGE', '01:00:15', 'a-1', 'alice', 'Available', ['CONNECTED']),
  agent('STATE_CHANGE', '01:02:00', 'a-3', 'carol', 'Break'),
  agent('STATE_CHANGE', '01:03:20', 'a-1', 'alice', 'Available', ['ENDED']),
  agent('STATE_CHANGE', '01:03:50', 'a-1', 'alice', 'Available'),
  agent('STATE_CHANGE', '01:04:12', 'a-2', 'bob', 'Available', ['CONNECTED']),
  agent('STATE_CHANGE', '01:09:12', 'a-2', 'bob', 'Available'),
  ANSWERED,
  ABANDONED,
  OUTBOUND,
];

const b64 = (record: unknown) =>
  Buffer.from(typeof record === 'string' ? record : JSON.stringify(record)).toString('base64');

/** Posts as Firehose's HTTP endpoint delivery does. */
function deliver(app: TestApp, requestId: string, records: unknown[], key: string | null = KEY) {
  return fetch(`${app.url}/api/v1/amazon-connect/records`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-amz-firehose-protocol-version': '1.0',
      'x-amz-firehose-request-id': requestId,
      ...(key === null ? {} : { 'x-amz-firehose-access-key': key }),
    },
    body: JSON.stringify({
      requestId,
      timestamp: Date.parse(AT),
      records: records.map((r) => ({ data: b64(r) })),
    }),
  });
}

describe('Amazon Connect (Firehose HTTP endpoint)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      at: AT,
      env: { MIERUKA_AMAZON_CONNECT_ACCESS_KEYS: `old-access-key-0123456789,${KEY}` },
    });
  });
  afterAll(() => app.close());

  it('refuses a wrong or missing access key with 401, storing nothing', async () => {
    for (const key of ['not-the-key-0123456789', null]) {
      const response = await deliver(app, 'req-forged', RECORDS, key);
      expect(response.status).toBe(401);
    }
    expect(await adapterHealth(app, 'amazon-connect')).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      errors: 2,
    });
  });

  it('takes a delivery and answers Firehose with its requestId', async () => {
    const response = await deliver(app, 'req-1', RECORDS);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ requestId: 'req-1', timestamp: Date.parse(AT) });
    // 3 logins, Alice on_call / wrap / available, Carol break, Bob on_call / available = 9
    // agent states (the heartbeat changes nothing); 3 + 2 + 3 call events.
    expect(await adapterHealth(app, 'amazon-connect')).toMatchObject({
      accepted: 17,
      duplicates: 0,
      rejected: 0,
    });
  });

  it('absorbs the same delivery again and an updated contact record', async () => {
    expect((await deliver(app, 'req-1', RECORDS)).status).toBe(200);
    const updated = {
      ...ANSWERED,
      LastUpdateTimestamp: utc('01:30:00'),
      Attributes: { disposition: 'resolved', survey: '5' },
    };
    expect((await deliver(app, 'req-2', [updated])).status).toBe(200);
    expect(await adapterHealth(app, 'amazon-connect')).toMatchObject({
      accepted: 17,
      // The replay maps 8 call events and the 7 agent states that differ from each agent's
      // last one (Alice's and Bob's first LOGIN match it); c-1's update maps its 3 again.
      duplicates: 15 + 3,
      rejected: 0,
    });
  });

  it('keeps a malformed record as a dead letter under the adapter name', async () => {
    const response = await deliver(app, 'req-3', [{ Hello: 'world' }, '{"ContactId": "c-9"}']);
    expect(response.status).toBe(200);
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=10`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as DeadLetter[];
    expect(letters.map((l) => [l.source, l.reason]).sort()).toEqual([
      ['amazon-connect', 'contact record c-9: InitiationMethod is required'],
      ['amazon-connect', 'record: neither an agent event nor a contact record'],
    ]);
  });

  it('takes an outbound campaign contact a voicemail answered as a failed dial', async () => {
    const campaign = {
      ContactId: 'camp-1',
      Channel: 'VOICE',
      InitiationMethod: 'API',
      InitiationTimestamp: utc('01:11:00'),
      ConnectedToSystemTimestamp: utc('01:11:08'),
      DisconnectTimestamp: utc('01:11:20'),
      LastUpdateTimestamp: utc('01:12:00'),
      Campaign: { CampaignId: 'c6f1e2d3-0000-4000-8000-000000000001' },
      AnsweringMachineDetectionStatus: 'VOICEMAIL_BEEP',
      Attributes: { campaign: 'renewal', listId: 'L-12', entryId: 'lead-83' },
      Agent: null,
    };
    expect((await deliver(app, 'req-4', [campaign])).status).toBe(200);
    expect(await adapterHealth(app, 'amazon-connect')).toMatchObject({ accepted: 19 });
  });

  it('shows the hand-worked numbers in the live snapshot', async () => {
    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 2,
      answered: 1,
      answeredInSL: 1, // c-1 after 15 s
      abandoned: 1, // c-2 after 40 s
      dialed: 2,
      connectedOutbound: 1,
      failedDials: 1,
      dialOutcomes: { answering_machine: 1, connected: 1 },
      wrapped: 2,
      dispositions: { resolved: 1, sale: 1 },
      serviceLevel: 0.5,
      abandonRate: 0.5,
      asaMs: 15_000,
      ahtMs: 255_000, // (170 + 10 + 30 s inbound + 300 s outbound) / 2
      connectRate: 0.5, // the campaign's dial reached a voicemail
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 0,
      agents: { available: 2, on_call: 0, wrap: 0, not_ready: 0, break: 1 },
    });
    expect(await adapterHealth(app, 'amazon-connect')).toMatchObject({
      accepted: 19,
      rejected: 2,
      errors: 2,
      connected: null,
    });
  });
});
