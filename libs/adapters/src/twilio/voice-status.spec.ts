import { canonical } from '../common/testing';
import { mapVoiceStatus } from './voice-status';

// Status callback parameters per Twilio's Call resource docs
// (https://www.twilio.com/docs/voice/api/call-resource#statuscallback): CallSid, CallStatus
// (queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled),
// Direction (inbound, outbound-api, outbound-dial), Timestamp (RFC 2822), SequenceNumber…
const SID = 'CA1234567890abcdef1234567890abcdef';
const params = (status: string, extra: Record<string, string> = {}) => ({
  AccountSid: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  CallSid: SID,
  CallStatus: status,
  Direction: 'outbound-api',
  From: '+81311112222',
  To: '+81900001111',
  Timestamp: 'Mon, 24 Nov 2025 16:00:05 +0000',
  SequenceNumber: '0',
  campaign: 'winter-sale',
  ...extra,
});
const base = {
  tenant: 'default',
  source: 'twilio',
  callId: SID,
  direction: 'outbound',
  campaign: 'winter-sale',
  occurredAt: '2025-11-24T16:00:05.000Z',
} as const;

describe('mapVoiceStatus', () => {
  it.each<[string, Record<string, string>, readonly object[]]>([
    [
      'initiated → dialed',
      params('initiated'),
      [{ ...base, id: `twilio:${SID}:dialed`, type: 'call.dialed' }],
    ],
    [
      'in-progress → connected',
      params('in-progress', { agentId: 'a-7' }),
      [{ ...base, agentId: 'a-7', id: `twilio:${SID}:connected`, type: 'call.connected' }],
    ],
    [
      'initiated with the list entry in the query → dialed of that entry',
      params('initiated', { listId: 'L-2026-12', entryId: 'lead-81' }),
      [
        {
          ...base,
          listId: 'L-2026-12',
          entryId: 'lead-81',
          id: `twilio:${SID}:dialed`,
          type: 'call.dialed',
        },
      ],
    ],
    ...(
      [
        ['busy', {}, 'busy'],
        ['no-answer', {}, 'no_answer'],
        ['failed', {}, 'invalid_number'],
        ['canceled', {}, 'other'],
        ['in-progress', { AnsweredBy: 'machine_start' }, 'answering_machine'],
        ['completed', { AnsweredBy: 'machine_end_beep' }, 'answering_machine'],
        ['completed', { AnsweredBy: 'fax' }, 'fax'],
      ] as const
    ).map(([status, extra, outcome]): [string, Record<string, string>, readonly object[]] => [
      `${status} ${JSON.stringify(extra)} → failed (${outcome})`,
      params(status, { ...extra, entryId: 'lead-81' }),
      [{ ...base, entryId: 'lead-81', id: `twilio:${SID}:failed`, type: 'call.failed', outcome }],
    ]),
    [
      'answered by a person (AMD human) → connected',
      params('in-progress', { AnsweredBy: 'human', agentId: 'a-7' }),
      [{ ...base, agentId: 'a-7', id: `twilio:${SID}:connected`, type: 'call.connected' }],
    ],
    ['completed by a person → nothing', params('completed', { AnsweredBy: 'human' }), []],
    ['ringing → nothing', params('ringing'), []],
    ['completed → nothing (the agent wraps)', params('completed', { CallDuration: '42' }), []],
    [
      'inbound → nothing (TaskRouter counts it)',
      params('in-progress', { Direction: 'inbound' }),
      [],
    ],
  ])('%s', (_name, input, expected) => {
    const { events, rejects } = mapVoiceStatus(input);
    expect(rejects).toEqual([]);
    expect(canonical(events)).toEqual(expected);
  });

  it.each<[Record<string, string>, string]>([
    [params('answered'), 'voice status: unknown CallStatus "answered"'],
    [
      params('initiated', { Timestamp: 'yesterday' }),
      'voice status: Timestamp is not an RFC 2822 date',
    ],
    [params('in-progress'), 'agentId: is required'],
    [params('initiated', { campaign: '' }), 'campaign: is required'],
  ])('rejects %j', (input, reason) => {
    expect(mapVoiceStatus(input)).toEqual({
      events: [],
      rejects: [{ adapter: 'twilio', reason, raw: new URLSearchParams(input).toString() }],
    });
  });
});
