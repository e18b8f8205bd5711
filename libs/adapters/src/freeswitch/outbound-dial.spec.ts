import { canonical } from '../common/testing';
import { mapOutboundHangup } from './outbound-dial';

// A CHANNEL_HANGUP_COMPLETE plain event with the headers FreeSWITCH sends (as in a published
// dump of an outbound leg's hang-up, https://blog.csdn.net/zy08403/article/details/134445481):
// Unique-ID, Hangup-Cause (the Q.850 names of FreeSWITCH's hang-up cause table), the
// Caller-Channel-*-Time headers in epoch microseconds (0: did not happen), and each channel
// variable as `variable_<name>` — here the dialer's mieruka_* ones, set in its originate string.
const CREATED = '1796083205000000';
const hangup = (cause: string, answered = '0', extra: Record<string, string> = {}) => ({
  'Event-Name': 'CHANNEL_HANGUP_COMPLETE',
  'Event-Date-Timestamp': '1796083235000000',
  'Unique-ID': '5f3c0b7e-8d1a-4f7e-9a57-2b1f6f0c1a81',
  'Call-Direction': 'outbound',
  'Channel-Name': 'sofia/gateway/trunk/0300000081',
  'Hangup-Cause': cause,
  'Caller-Channel-Created-Time': CREATED,
  'Caller-Channel-Answered-Time': answered,
  variable_mieruka_campaign: 'renewal',
  variable_mieruka_list: 'L-12',
  variable_mieruka_entry: 'lead-81',
  ...extra,
});
const base = {
  tenant: 'default',
  source: 'freeswitch',
  callId: '5f3c0b7e-8d1a-4f7e-9a57-2b1f6f0c1a81',
  direction: 'outbound',
  campaign: 'renewal',
  listId: 'L-12',
  entryId: 'lead-81',
} as const;
const dialed = {
  ...base,
  id: 'freeswitch:5f3c0b7e-8d1a-4f7e-9a57-2b1f6f0c1a81:dialed',
  type: 'call.dialed',
  occurredAt: '2026-12-01T00:00:05.000Z',
};

describe('FreeSWITCH outbound dials (CHANNEL_HANGUP_COMPLETE of a leg with mieruka_campaign)', () => {
  it.each([
    ['NO_ANSWER', 'no_answer'],
    ['NO_USER_RESPONSE', 'no_answer'],
    ['ORIGINATOR_CANCEL', 'no_answer'],
    ['USER_BUSY', 'busy'],
    ['UNALLOCATED_NUMBER', 'invalid_number'],
    ['NO_ROUTE_DESTINATION', 'invalid_number'],
    ['CALL_REJECTED', 'rejected'],
    ['NORMAL_TEMPORARY_FAILURE', 'other'],
  ])('an unanswered leg ending %s is a dial that failed: %s', (cause, outcome) => {
    const { events, rejects } = mapOutboundHangup(hangup(cause));
    expect(rejects).toEqual([]);
    expect(canonical(events)).toEqual([
      dialed,
      {
        ...base,
        id: 'freeswitch:5f3c0b7e-8d1a-4f7e-9a57-2b1f6f0c1a81:failed',
        type: 'call.failed',
        occurredAt: '2026-12-01T00:00:35.000Z',
        outcome,
      },
    ]);
  });

  it('an answered leg is a dial and a connect, by the agent the dialer named', () => {
    const event = hangup('NORMAL_CLEARING', '1796083212000000', {
      variable_mieruka_agent: '1001@default',
    });
    const { events } = mapOutboundHangup(event, { agentIds: { '1001@default': 'a-1' } });
    expect(canonical(events)).toEqual([
      { ...dialed, agentId: 'a-1' },
      {
        ...base,
        agentId: 'a-1',
        id: 'freeswitch:5f3c0b7e-8d1a-4f7e-9a57-2b1f6f0c1a81:connected',
        type: 'call.connected',
        occurredAt: '2026-12-01T00:00:12.000Z',
      },
    ]);
  });

  it('an answered leg without a named agent is a dial only (a connect needs its agent)', () => {
    expect(mapOutboundHangup(hangup('NORMAL_CLEARING', '1796083212000000')).events).toEqual([
      dialed,
    ]);
  });

  it('maps legs without the campaign variable, and other events, to nothing', () => {
    const inbound = hangup('NO_ANSWER', '0', { variable_mieruka_campaign: '' });
    expect(mapOutboundHangup(inbound)).toEqual({ events: [], rejects: [] });
    expect(mapOutboundHangup({ ...hangup('NO_ANSWER'), 'Event-Name': 'CHANNEL_CREATE' })).toEqual({
      events: [],
      rejects: [],
    });
  });

  it('sends a hang-up without its times to the dead letters', () => {
    const { rejects } = mapOutboundHangup(
      hangup('NO_ANSWER', '0', { 'Caller-Channel-Created-Time': '' }),
    );
    expect(rejects.map((r) => r.reason)).toEqual([
      'CHANNEL_HANGUP_COMPLETE: Caller-Channel-Created-Time and Event-Date-Timestamp must be epoch microseconds',
    ]);
  });
});
