import { canonical } from '../common/testing';
import {
  decodeDelivery,
  initialAmazonConnectState,
  stepAmazonConnect,
  stepDelivery,
} from './delivery';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');
const CTR = {
  ContactId: 'c-1',
  Channel: 'VOICE',
  InitiationMethod: 'INBOUND',
  InitiationTimestamp: '2026-11-24T01:00:00Z',
  DisconnectTimestamp: '2026-11-24T01:00:40Z',
  LastUpdateTimestamp: '2026-11-24T01:01:00Z',
  Queue: { Name: 'support', EnqueueTimestamp: '2026-11-24T01:00:05Z', Duration: 35 },
  Agent: null,
};
const AGENT_EVENT = {
  AgentARN: 'arn:aws:connect:ap-northeast-1:1:instance/abc/agent/a1',
  EventType: 'STATE_CHANGE',
  EventTimestamp: '2026-11-24T01:00:00.000Z',
  CurrentAgentSnapshot: {
    AgentStatus: { Name: 'Available' },
    Configuration: { Username: 'alice' },
    Contacts: [],
  },
};

describe('decodeDelivery', () => {
  it('opens a Firehose HTTP endpoint request', () => {
    const body = JSON.stringify({
      requestId: 'ed4acda5-034f-9f42-bba1-f29aea6d7d8f',
      timestamp: 1578090901599,
      records: [{ data: b64(CTR) }, { data: b64(AGENT_EVENT) }],
    });
    expect(decodeDelivery(body)).toEqual({
      requestId: 'ed4acda5-034f-9f42-bba1-f29aea6d7d8f',
      records: [JSON.stringify(CTR), JSON.stringify(AGENT_EVENT)],
      rejects: [],
    });
  });

  it.each<[string, unknown]>([
    ['a Kinesis record', { SequenceNumber: '1', PartitionKey: 'c-1', Data: b64(CTR) }],
    ['a GetRecords answer', { Records: [{ SequenceNumber: '1', Data: b64(CTR) }] }],
    [
      'a Lambda Kinesis event',
      { Records: [{ kinesis: { data: b64(CTR) }, eventSource: 'aws:kinesis' }] },
    ],
    ['a plain record', CTR],
  ])('opens %s', (_name, body) => {
    expect(decodeDelivery(JSON.stringify(body))).toMatchObject({
      records: [JSON.stringify(CTR)],
      rejects: [],
    });
  });

  it('rejects a record whose data is not base64 text, keeping the others', () => {
    const delivery = decodeDelivery(
      JSON.stringify({ requestId: 'r', records: [{ data: '%%%' }, { data: b64(CTR) }, {}] }),
    );
    expect(delivery).toMatchObject({
      records: [JSON.stringify(CTR)],
      rejects: [
        {
          adapter: 'amazon-connect',
          reason: 'record 0: data is not base64 of UTF-8 text',
          raw: '{"data":"%%%"}',
        },
        {
          adapter: 'amazon-connect',
          reason: 'record 2: data is not base64 of UTF-8 text',
          raw: '{}',
        },
      ],
    });
  });

  it.each<[string, string]>([
    ['not JSON', 'delivery: not JSON'],
    ['[1,2]', 'delivery: not a JSON object'],
    ['{"hello":1}', 'delivery: expected Firehose {requestId, records: [{data}]} or Kinesis {Data}'],
  ])('refuses %s', (body, error) => {
    expect(decodeDelivery(body)).toEqual({ error });
  });
});

describe('stepAmazonConnect / stepDelivery', () => {
  it('maps agent events and contact records of one delivery in order', () => {
    const delivery = decodeDelivery(
      JSON.stringify({
        requestId: 'r',
        records: [{ data: b64(AGENT_EVENT) }, { data: b64(CTR) }, { data: b64('{"x":1}') }],
      }),
    );
    if ('error' in delivery) throw new Error(delivery.error);
    const step = stepDelivery(initialAmazonConnectState, delivery);
    canonical(step.events);
    expect(step.events.map((e) => e.type)).toEqual([
      'agent.state',
      'call.offered',
      'call.abandoned',
    ]);
    expect(step.rejects).toEqual([
      {
        adapter: 'amazon-connect',
        reason: 'record: neither an agent event nor a contact record',
        raw: '{"x":1}',
      },
    ]);
    // The agent's state is remembered: the same event again maps to nothing.
    expect(stepAmazonConnect(step.state, JSON.stringify(AGENT_EVENT)).events).toEqual([]);
  });

  it('maps several records written one per line into one Kinesis record', () => {
    const text = `${JSON.stringify(AGENT_EVENT)}\n${JSON.stringify(CTR)}\n`;
    const step = stepAmazonConnect(initialAmazonConnectState, text);
    expect(step.events).toHaveLength(3);
  });

  it.each<[string, string]>([
    ['{not json', 'record: not JSON'],
    ['"text"', 'record: not a JSON object'],
  ])('rejects the record %s', (text, reason) => {
    expect(stepAmazonConnect(initialAmazonConnectState, text)).toEqual({
      state: initialAmazonConnectState,
      events: [],
      rejects: [{ adapter: 'amazon-connect', reason, raw: text }],
    });
  });
});
