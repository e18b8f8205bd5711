import { canonical } from '../common/testing';
import { frameOf } from './frame';
import { stepAmi } from './map-frame';
import { initialAmiState } from './state';

// DialBegin / DialEnd as documented for Asterisk 12+ (https://docs.asterisk.org/
// Asterisk_20_Documentation/API_Documentation/AMI_Events/DialEnd/: Channel…, DestChannel…,
// DestUniqueid, DialStatus), with the dialer's variables as manager.conf `channelvars` adds
// them (`ChanVariable: NAME=value`, `DestChanVariable: NAME=value`).
const AT = Date.UTC(2026, 11, 1, 0, 0, 5);
const dialFrame = (event: string, extra: readonly string[], vars = true) =>
  frameOf([
    `Event: ${event}`,
    'Privilege: call,all',
    'Channel: Local/81@outbound-dialer-00000001;2',
    'ChannelState: 4',
    'ChannelStateDesc: Ring',
    'Context: outbound-dialer',
    'Uniqueid: 1796083205.40',
    'Linkedid: 1796083205.39',
    'DestChannel: PJSIP/trunk-00000002',
    'DestChannelState: 5',
    'DestChannelStateDesc: Ringing',
    'DestContext: from-trunk',
    'DestUniqueid: 1796083205.41',
    'DestLinkedid: 1796083205.39',
    ...(vars
      ? [
          'ChanVariable: mieruka_campaign=renewal',
          'ChanVariable: mieruka_list=L-12',
          'ChanVariable: mieruka_entry=lead-81',
          'ChanVariable: mieruka_agent=PJSIP/1001',
        ]
      : []),
    ...extra,
  ]);
const step = (frame: ReturnType<typeof frameOf>) =>
  stepAmi(initialAmiState, frame, AT, { agentIds: { 'PJSIP/1001': 'a-1' } });
const base = {
  occurredAt: '2026-12-01T00:00:05.000Z',
  tenant: 'default',
  source: 'asterisk-ami',
  callId: '1796083205.41',
  direction: 'outbound',
  campaign: 'renewal',
  listId: 'L-12',
  entryId: 'lead-81',
  agentId: 'a-1',
} as const;

describe('AMI outbound dials (DialBegin / DialEnd with the dialer’s channel variables)', () => {
  it('DialBegin is the dial of the list entry', () => {
    const { events, rejects } = step(dialFrame('DialBegin', ['DialString: trunk/0300000081']));
    expect(rejects).toEqual([]);
    expect(canonical(events)).toEqual([
      { ...base, id: 'asterisk-ami:1796083205.41:dialed', type: 'call.dialed' },
    ]);
  });

  it.each([
    ['NOANSWER', 'no_answer'],
    ['CANCEL', 'no_answer'],
    ['BUSY', 'busy'],
    ['CONGESTION', 'invalid_number'],
    ['DONTCALL', 'rejected'],
    ['CHANUNAVAIL', 'other'],
  ])('DialEnd %s is a failed dial: %s', (status, outcome) => {
    const { events, rejects } = step(dialFrame('DialEnd', [`DialStatus: ${status}`]));
    expect(rejects).toEqual([]);
    expect(canonical(events)).toEqual([
      { ...base, id: 'asterisk-ami:1796083205.41:failed', type: 'call.failed', outcome },
    ]);
  });

  it('DialEnd ANSWER is the connect, by the agent the dialer named', () => {
    const { events } = step(dialFrame('DialEnd', ['DialStatus: ANSWER']));
    expect(canonical(events)).toEqual([
      { ...base, id: 'asterisk-ami:1796083205.41:connected', type: 'call.connected' },
    ]);
  });

  it('reads the variables from the dialled channel too, and needs no agent to fail', () => {
    const frame = dialFrame(
      'DialEnd',
      ['DestChanVariable: mieruka_campaign=renewal', 'DialStatus: BUSY'],
      false,
    );
    const { events } = step(frame);
    expect(canonical(events)).toEqual([
      {
        occurredAt: base.occurredAt,
        tenant: 'default',
        source: 'asterisk-ami',
        callId: '1796083205.41',
        direction: 'outbound',
        campaign: 'renewal',
        id: 'asterisk-ami:1796083205.41:failed',
        type: 'call.failed',
        outcome: 'busy',
      },
    ]);
  });

  it('maps a dial without the campaign variable (a queue ringing a member) to nothing', () => {
    expect(step(dialFrame('DialEnd', ['DialStatus: NOANSWER'], false))).toMatchObject({
      events: [],
      rejects: [],
    });
    // An answer whose agent the dialer did not name: no connect can be counted for nobody.
    const unnamed = frameOf([
      ...dialFrame('DialEnd', ['DialStatus: ANSWER'], false).raw.split('\n'),
      'ChanVariable: mieruka_campaign=renewal',
    ]);
    expect(step(unnamed).events).toEqual([]);
  });

  it('sends an unknown DialStatus to the dead letters', () => {
    const frame = dialFrame('DialEnd', ['DialStatus: SOMETHING']);
    expect(step(frame).rejects).toEqual([
      {
        adapter: 'asterisk-ami',
        reason: 'DialEnd: unknown DialStatus "SOMETHING"',
        raw: frame.raw,
      },
    ]);
  });
});
