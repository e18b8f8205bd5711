import { fold } from '../common/testing';
import {
  initialFreeswitchState,
  type FreeswitchState,
  stepFreeswitch,
  type FreeswitchOptions,
} from './map-event';

// Headers as documented for mod_callcenter's events
// (https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod_callcenter_1049389/
// "Events"): member-queue-start, bridge-agent-start (CC-Agent-Called-Time, CC-Agent-Answered-
// Time, CC-Member-Joined-Time), bridge-agent-end (+ CC-Bridge-Terminated-Time),
// member-queue-end (CC-Cause Terminated | Cancel, CC-Cancel-Reason NONE | TIMEOUT |
// NO_AGENT_TIMEOUT | BREAK_OUT | EXIT_WITH_KEY, CC-Member-Leaving-Time, and the caller
// channel's data such as Answer-State), agent-status-change (CC-Agent-Status),
// agent-state-change (CC-Agent-State). Times are epoch seconds; Event-Date-Timestamp is µs.
const T = 1764000000;
const at = (s: number) => new Date((T + s) * 1000).toISOString();
const SESSION = 'b77c49c2-a732-11df-9438-e7d9456f8886';
const cc = (action: string, s: number, extra: Record<string, string> = {}) => ({
  'Event-Name': 'CUSTOM',
  'Event-Subclass': 'callcenter::info',
  'Event-Date-Timestamp': `${(T + s) * 1_000_000 + 123}`,
  'CC-Action': action,
  ...extra,
});
const member = {
  'CC-Queue': 'support@default',
  'CC-Member-UUID': '453324f8-3424-4322-4242362fd23d',
  'CC-Member-Session-UUID': SESSION,
  'CC-Member-CID-Number': '4385551212',
};
const agentCall = {
  'CC-Agent': '1000@default',
  'CC-Agent-Called-Time': `${T + 8}`,
  'CC-Agent-Answered-Time': `${T + 12}`,
  'CC-Member-Joined-Time': `${T}`,
};
/** The mapper having seen this member's member-queue-start (a connection up before it). */
const joined: FreeswitchState = {
  ...initialFreeswitchState,
  waiting: new Set([`${SESSION}|support@default`]),
};
const run = (
  events: Record<string, string>[],
  options: FreeswitchOptions = {},
  state: FreeswitchState = joined,
) => fold(state, events, (s, e) => stepFreeswitch(s, e, options));
const call = {
  tenant: 'default',
  source: 'freeswitch',
  callId: SESSION,
  direction: 'inbound',
  queue: 'support',
} as const;
const id = (kind: string) => `freeswitch:${SESSION}:support:${kind}`;

describe('stepFreeswitch: calls', () => {
  it.each<[string, Record<string, string>[], readonly object[]]>([
    [
      'an answered call',
      [
        cc('member-queue-start', 0, member),
        cc('agent-offering', 8, { ...member, 'CC-Agent': '1000@default' }),
        cc('bridge-agent-start', 12, { ...member, ...agentCall }),
        cc('bridge-agent-end', 282, {
          ...member,
          ...agentCall,
          'CC-Bridge-Terminated-Time': `${T + 282}`,
        }),
        cc('member-queue-end', 282, {
          ...member,
          'CC-Cause': 'Terminated',
          'CC-Member-Joined-Time': `${T}`,
          'CC-Member-Leaving-Time': `${T + 282}`,
        }),
      ],
      [
        { ...call, id: id('offered'), type: 'call.offered', occurredAt: at(0) },
        {
          ...call,
          id: id('connected'),
          type: 'call.connected',
          occurredAt: at(12),
          agentId: '1000',
          waitMs: 12000,
        },
        {
          ...call,
          id: id('wrapped'),
          type: 'call.wrapped',
          occurredAt: at(282),
          agentId: '1000',
          talkMs: 270000,
          holdMs: 0,
          wrapMs: 0,
          disposition: 'completed',
        },
      ],
    ],
    [
      'Cancel + NONE: the caller hung up waiting',
      [
        cc('member-queue-end', 50, {
          ...member,
          'CC-Cause': 'Cancel',
          'CC-Cancel-Reason': 'NONE',
          'CC-Member-Joined-Time': `${T}`,
          'CC-Member-Leaving-Time': `${T + 50}`,
        }),
      ],
      [
        {
          ...call,
          id: id('abandoned'),
          type: 'call.abandoned',
          occurredAt: at(50),
          waitMs: 50000,
          reason: 'caller_hangup',
          attrs: { caller: '4385551212' }, // CC-Member-CID-Number, for a call-back
        },
      ],
    ],
    [
      'Cancel + BREAK_OUT of a hung-up channel: what a caller hanging up gives',
      [
        cc('member-queue-end', 40, {
          ...member,
          'CC-Cause': 'Cancel',
          'CC-Cancel-Reason': 'BREAK_OUT',
          'Answer-State': 'hangup',
          'Channel-Call-State': 'HANGUP',
          'CC-Member-Joined-Time': `${T}`,
          'CC-Member-Leaving-Time': `${T + 40}`,
        }),
      ],
      [
        {
          ...call,
          id: id('abandoned'),
          type: 'call.abandoned',
          occurredAt: at(40),
          waitMs: 40000,
          reason: 'caller_hangup',
          attrs: { caller: '4385551212' },
        },
      ],
    ],
    [
      'Cancel + TIMEOUT: left unanswered, marked as a timeout',
      [
        cc('member-queue-end', 300, {
          ...member,
          'CC-Cause': 'Cancel',
          'CC-Cancel-Reason': 'TIMEOUT',
          'CC-Member-Joined-Time': `${T}`,
          'CC-Member-Leaving-Time': `${T + 300}`,
        }),
      ],
      [
        {
          ...call,
          id: id('abandoned'),
          type: 'call.abandoned',
          occurredAt: at(300),
          waitMs: 300000,
          reason: 'timeout',
          attrs: { caller: '4385551212' },
        },
      ],
    ],
  ])('%s', (_name, events, expected) => {
    const result = run(events);
    expect(result.rejects).toEqual([]);
    expect(result.events).toEqual(expected);
  });

  it.each<[string, Record<string, string>, string]>([
    ['NO_AGENT_TIMEOUT', {}, 'empty'],
    ['EXIT_WITH_KEY', { 'Answer-State': 'answered' }, 'key'],
    // Logged before the hang-up's call-state change: a live-looking BREAK_OUT is still one.
    ['BREAK_OUT', { 'Answer-State': 'answered', 'Channel-Call-State': 'ACTIVE' }, 'caller_hangup'],
  ])('gives CC-Cancel-Reason %s with %j the reason %s', (cancel, channel, reason) => {
    const { events } = run([
      cc('member-queue-end', 20, {
        ...member,
        ...channel,
        'CC-Cause': 'Cancel',
        'CC-Cancel-Reason': cancel,
        'CC-Member-Joined-Time': `${T}`,
        'CC-Member-Leaving-Time': `${T + 20}`,
      }),
    ]);
    expect(events).toMatchObject([{ type: 'call.abandoned', waitMs: 20000, reason }]);
  });

  // The documented examples (tests/fixtures/adapters/freeswitch) show connects and exits of
  // members whose member-queue-start is not among them, as after connecting mid-wait.
  it('works the offer out from CC-Member-Joined-Time when member-queue-start was not seen', () => {
    const offered = {
      ...call,
      id: id('offered'),
      type: 'call.offered',
      occurredAt: at(0),
      attrs: { offerInferred: 'true' },
    };
    const connect = cc('bridge-agent-start', 12, { ...member, ...agentCall });
    const answered = run([connect], {}, initialFreeswitchState);
    expect(answered.events.map((e) => e.type)).toEqual(['call.offered', 'call.connected']);
    expect(answered.events[0]).toEqual(offered);
    const left = run(
      [
        cc('member-queue-end', 30, {
          ...member,
          'CC-Cause': 'Cancel',
          'CC-Cancel-Reason': 'TIMEOUT',
          'CC-Member-Joined-Time': `${T}`,
          'CC-Member-Leaving-Time': `${T + 30}`,
        }),
      ],
      {},
      initialFreeswitchState,
    );
    expect(left.events.map((e) => e.type)).toEqual(['call.offered', 'call.abandoned']);
    expect(left.events[0]).toEqual(offered);
    // Seen, member-queue-start is the offer; the wait ends with the connect.
    const start = cc('member-queue-start', 0, member);
    const seen = run([start, connect], {}, initialFreeswitchState);
    expect(seen.events.map((e) => e.type)).toEqual(['call.offered', 'call.connected']);
    expect(seen.events[0]?.attrs).toBeUndefined();
    expect(seen.state.waiting.size).toBe(0);
  });

  it('keeps the domain and maps agent ids when asked', () => {
    const { events } = run([cc('bridge-agent-start', 12, { ...member, ...agentCall })], {
      keepDomain: true,
      agentIds: { '1000@default': 'a-7' },
    });
    expect(events).toMatchObject([
      {
        queue: 'support@default',
        agentId: 'a-7',
        id: `freeswitch:${SESSION}:support_40default:connected`,
      },
    ]);
  });

  it.each<[Record<string, string>, string]>([
    [
      cc('member-queue-end', 1, {
        ...member,
        'CC-Cause': 'Cancel',
        'CC-Cancel-Reason': 'LOST',
        'CC-Member-Joined-Time': `${T}`,
        'CC-Member-Leaving-Time': `${T + 1}`,
      }),
      'member-queue-end: unknown CC-Cancel-Reason "LOST"',
    ],
    [
      cc('bridge-agent-start', 1, member),
      'bridge-agent-start: CC-Member-Joined-Time and CC-Agent-Answered-Time are required',
    ],
    [
      cc('member-queue-start', 1, { 'CC-Queue': 'support@default' }),
      'member-queue-start: CC-Member-Session-UUID and CC-Queue are required',
    ],
    [
      cc('member-transferred', 1, member),
      'member-transferred: not a mod_callcenter action this adapter knows',
    ],
    [
      { ...cc('member-queue-start', 1, member), 'Event-Date-Timestamp': 'now' },
      'member-queue-start: Event-Date-Timestamp is not epoch microseconds',
    ],
  ])('rejects %j', (event, reason) => {
    const result = stepFreeswitch(initialFreeswitchState, event);
    expect(result.events).toEqual([]);
    expect(result.rejects).toEqual([
      { adapter: 'freeswitch', reason, raw: expect.stringContaining('CC-Action: ') },
    ]);
  });

  it.each([
    { 'Event-Name': 'HEARTBEAT' },
    cc('members-count', 1, { 'CC-Queue': 'support@default', 'CC-Count': '1' }),
    // The module cancelled this agent's ring (ring-all: another answered): no miss of its.
    cc('bridge-agent-fail', 1, {
      ...member,
      'CC-Agent': '1000@default',
      'CC-Hangup-Cause': 'ORIGINATOR_CANCEL',
    }),
  ])('maps %j to nothing', (event) => {
    expect(stepFreeswitch(initialFreeswitchState, event)).toEqual({
      state: initialFreeswitchState,
      events: [],
      rejects: [],
    });
  });
});

describe('stepFreeswitch: missed rings', () => {
  it('counts a bridge-agent-fail against the agent, who stays in its state', () => {
    const fail = (s: number, cause: string) =>
      cc('bridge-agent-fail', s, {
        ...member,
        'CC-Agent': '1000@default',
        'CC-Hangup-Cause': cause,
      });
    const { events, rejects } = run([
      cc('agent-status-change', 0, { 'CC-Agent': '1000@default', 'CC-Agent-Status': 'Available' }),
      fail(5, 'NO_ANSWER'),
      fail(9, 'USER_BUSY'), // busy or rejected: offered and not taken, as Asterisk counts it
      cc('agent-status-change', 20, { 'CC-Agent': '1000@default', 'CC-Agent-Status': 'On Break' }),
      fail(30, 'NO_ANSWER'), // the ring ended after the break began: the reason stays
    ]);
    expect(rejects).toEqual([]);
    expect(
      events.map((e) => e.type === 'agent.state' && [e.state, e.reason, e.attrs?.missedRing]),
    ).toEqual([
      ['available', undefined, undefined],
      ['available', undefined, SESSION],
      ['available', undefined, SESSION],
      ['break', 'On Break', undefined],
      ['break', 'On Break', SESSION],
    ]);
    expect(events[1]?.attrs).toEqual({ missedRing: SESSION, hangupCause: 'NO_ANSWER' });
  });
});

describe('stepFreeswitch: agents', () => {
  const agent = (s: number, state: string, reason?: string) => ({
    id: `freeswitch:agent:1000:${(T + s) * 1000}:${state.replace('_', '__')}`,
    type: 'agent.state',
    occurredAt: at(s),
    tenant: 'default',
    source: 'freeswitch',
    agentId: '1000',
    state,
    ...(reason ? { reason } : {}),
  });
  const status = (s: number, value: string) =>
    cc('agent-status-change', s, { 'CC-Agent': '1000@default', 'CC-Agent-Status': value });
  const state = (s: number, value: string) =>
    cc('agent-state-change', s, { 'CC-Agent': '1000@default', 'CC-Agent-State': value });

  it('combines status and state, reporting changes only', () => {
    const { events, rejects } = run([
      status(0, 'Available'),
      state(0, 'Waiting'),
      state(8, 'Receiving'),
      state(12, 'In a queue call'),
      state(282, 'Idle'),
      state(292, 'Waiting'),
      status(400, 'On Break'),
      status(700, 'Available (On Demand)'),
      status(900, 'Logged Out'),
    ]);
    expect(rejects).toEqual([]);
    expect(events).toEqual([
      agent(0, 'available'),
      agent(12, 'on_call'),
      agent(282, 'wrap'),
      agent(292, 'available'),
      agent(400, 'break', 'On Break'),
      agent(700, 'available'),
      agent(900, 'logged_out'),
    ]);
  });

  it('rejects a status it does not know', () => {
    expect(stepFreeswitch(initialFreeswitchState, status(0, 'Napping')).rejects).toEqual([
      {
        adapter: 'freeswitch',
        reason: 'agent-status-change: unknown status "Napping" or state ""',
        raw: expect.any(String),
      },
    ]);
  });
});
