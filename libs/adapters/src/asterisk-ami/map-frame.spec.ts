import type { CallEvent } from '@mieruka/contracts';
import { canonical } from '../common/testing';
import type { AsteriskOptions } from '../common/asterisk-options';
import type { Reject } from '../common/types';
import { frameOf, type AmiFrame } from './frame';
import { stepAmi } from './map-frame';
import { initialAmiState, startResync, type AmiState } from './state';

// Frames follow the AMI event reference of Asterisk 20
// (https://docs.asterisk.org/Asterisk_20_Documentation/API_Documentation/AMI_Events/):
// QueueCallerJoin (Queue, Position, Count, channel fields incl. Uniqueid, Linkedid),
// AgentConnect (… Queue, MemberName, Interface, RingTime, HoldTime), QueueCallerAbandon
// (Queue, Position, OriginalPosition, HoldTime), AgentComplete (… HoldTime, TalkTime, Reason),
// QueueMemberStatus / QueueMemberPause (Queue, MemberName, Interface, Status, Paused,
// PausedReason, InCall), and the QueueStatus action's QueueMember / QueueEntry (Wait) /
// QueueStatusComplete. Channel fields not used by the mapping are trimmed.
const T = 1764000000;
const NOW = (T + 1000) * 1000; // arrival clock, used only when a frame has no Timestamp
const at = (s: number) => new Date((T + s) * 1000).toISOString();
const ami = (text: string): AmiFrame =>
  frameOf(
    text
      .trim()
      .split('\n')
      .map((l) => l.trim()),
  );
const caller = 'Channel: PJSIP/trunk-00000001\nUniqueid: 1764000000.6\nLinkedid: 1764000000.6';
const member = 'MemberName: Alice\nInterface: PJSIP/1001';

function run(
  frames: readonly AmiFrame[],
  options: AsteriskOptions = {},
  state: AmiState = initialAmiState,
) {
  const events: CallEvent[] = [];
  const rejects: Reject[] = [];
  for (const frame of frames) {
    const step = stepAmi(state, frame, NOW, options);
    state = step.state;
    events.push(...step.events);
    rejects.push(...step.rejects);
  }
  return { state, events: canonical(events), rejects };
}

const base = {
  tenant: 'default',
  source: 'asterisk-ami',
  callId: '1764000000.6',
  direction: 'inbound',
  queue: 'support',
} as const;

describe('stepAmi: a queue call', () => {
  const join = ami(
    `Event: QueueCallerJoin\nTimestamp: ${T}.000123\n${caller}\nQueue: support\nPosition: 1\nCount: 1`,
  );
  const connect = ami(
    `Event: AgentConnect\nTimestamp: ${T + 12}.5\n${caller}\nDestUniqueid: 1764000012.9\nQueue: support\n${member}\nRingTime: 4\nHoldTime: 12`,
  );
  const complete = ami(
    `Event: AgentComplete\nTimestamp: ${T + 280}.250\n${caller}\nQueue: support\n${member}\nHoldTime: 12\nTalkTime: 268\nReason: caller`,
  );
  const abandon = ami(
    `Event: QueueCallerAbandon\nTimestamp: ${T + 33}\n${caller}\nQueue: support\nPosition: 2\nOriginalPosition: 3\nHoldTime: 33`,
  );

  it.each<[string, readonly AmiFrame[], readonly object[]]>([
    [
      'answered: offered, connected (HoldTime is the wait), wrapped',
      [join, connect, complete],
      [
        {
          ...base,
          id: 'asterisk-ami:1764000000.6:support:offered',
          type: 'call.offered',
          occurredAt: at(0),
        },
        {
          ...base,
          id: 'asterisk-ami:1764000000.6:support:connected',
          type: 'call.connected',
          occurredAt: '2025-11-24T16:00:12.500Z',
          agentId: 'Alice',
          waitMs: 12000,
          attrs: { ringMs: '4000' },
        },
        {
          ...base,
          id: 'asterisk-ami:1764000000.6:support:wrapped',
          type: 'call.wrapped',
          occurredAt: '2025-11-24T16:04:40.250Z',
          agentId: 'Alice',
          talkMs: 268000,
          holdMs: 0,
          wrapMs: 0,
          disposition: 'completed',
          attrs: { endedBy: 'caller' },
        },
      ],
    ],
    [
      'abandoned after 33 s',
      [join, abandon],
      [
        {
          ...base,
          id: 'asterisk-ami:1764000000.6:support:offered',
          type: 'call.offered',
          occurredAt: at(0),
        },
        {
          ...base,
          id: 'asterisk-ami:1764000000.6:support:abandoned',
          type: 'call.abandoned',
          occurredAt: at(33),
          waitMs: 33000,
          reason: 'caller_hangup', // no `call` class read: Asterisk tells nothing more
        },
      ],
    ],
  ])('%s', (_name, frames, expected) => {
    const { events, rejects, state } = run(frames);
    expect(rejects).toEqual([]);
    expect(events).toEqual(expected);
    expect(state.waiting.size).toBe(0);
  });

  // An `eventfilter` passing only some queue events, or a connection up mid-wait: seen in a
  // real capture (tests/fixtures/adapters/asterisk-ami/cacofonisk-queue-a-cancel.json).
  it('works the offer out from HoldTime when the join was not seen, with the join’s id', () => {
    const inferred = (s: number) => ({
      ...base,
      id: 'asterisk-ami:1764000000.6:support:offered',
      type: 'call.offered',
      occurredAt: at(s),
      attrs: { offerInferred: 'true' },
    });
    const answered = run([connect, complete]).events;
    expect(answered.map((e) => e.type)).toEqual(['call.offered', 'call.connected', 'call.wrapped']);
    expect(answered[0]).toEqual(inferred(0.5)); // 12.5 s − HoldTime 12
    const left = run([abandon]).events;
    expect(left.map((e) => e.type)).toEqual(['call.offered', 'call.abandoned']);
    expect(left[0]).toEqual(inferred(0));
    // Seen, the join is the offer and nothing is worked out.
    expect(run([join, abandon]).events.filter((e) => e.type === 'call.offered')).toHaveLength(1);
  });

  it('uses the arrival clock without timestampevents, and Linkedid when it differs', () => {
    const { events } = run([
      ami('Event: QueueCallerJoin\nUniqueid: 1764000000.6\nLinkedid: 1764000000.2\nQueue: support'),
    ]);
    expect(events).toEqual([
      {
        ...base,
        id: 'asterisk-ami:1764000000.6:support:offered',
        type: 'call.offered',
        occurredAt: new Date(NOW).toISOString(),
        attrs: { linkedid: '1764000000.2' },
      },
    ]);
  });

  it('gives a replayed frame the same id', () => {
    const first = run([join]).events;
    const again = run([join], {}, run([join]).state).events;
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
  });

  it.each([
    [
      'Event: AgentConnect\nQueue: support\nMemberName: Alice\nHoldTime: 3',
      'AgentConnect: needs Uniqueid and Queue',
    ],
    [
      `Event: AgentConnect\n${caller}\nQueue: support\nMemberName: Alice\nHoldTime: 1764000003`,
      'waitMs: must be below 86400000 (24 hours)',
    ],
    [
      `Event: QueueCallerAbandon\n${caller}\nQueue: support\nHoldTime: -1`,
      'QueueCallerAbandon: HoldTime is not a whole number of seconds',
    ],
    [
      `Event: AgentComplete\n${caller}\nQueue: support\nTalkTime: 5`,
      'AgentComplete: needs MemberName or Interface',
    ],
  ])('rejects %j', (text, reason) => {
    const frame = ami(text);
    expect(run([frame]).rejects).toEqual([{ adapter: 'asterisk-ami', reason, raw: frame.raw }]);
  });

  it.each([
    'Event: Newchannel\nUniqueid: 1.2',
    'Response: Success\nMessage: Authentication accepted',
    'Event: QueueCallerLeave\nQueue: support\nUniqueid: 1.2',
  ])('maps %j to nothing', (text) => {
    expect(stepAmi(initialAmiState, ami(text), NOW)).toEqual({
      state: initialAmiState,
      events: [],
      rejects: [],
    });
  });
});

describe('stepAmi: agent state', () => {
  const status = (queue: string, s: number, extra: string) =>
    ami(
      `Event: QueueMemberStatus\nTimestamp: ${T + s}\nQueue: ${queue}\n${member}\nStateInterface: PJSIP/1001\n${extra}`,
    );
  const agent = (s: number, state: string, reason?: string) => ({
    id: `asterisk-ami:agent:Alice:${(T + s) * 1000}:${state.replace('_', '__')}`,
    type: 'agent.state',
    occurredAt: at(s),
    tenant: 'default',
    source: 'asterisk-ami',
    agentId: 'Alice',
    state,
    ...(reason ? { reason } : {}),
  });

  it('reports one state per change across queues, the call winning over a pause', () => {
    const { events, rejects } = run([
      ami(
        `Event: QueueMemberAdded\nTimestamp: ${T}\nQueue: support\n${member}\nStatus: 1\nPaused: 0`,
      ),
      status('sales', 0, 'Status: 1\nPaused: 0\nInCall: 0'),
      status('support', 10, 'Status: 2\nPaused: 0\nInCall: 1'),
      status('sales', 10, 'Status: 2\nPaused: 0\nInCall: 1'),
      ami(
        `Event: QueueMemberPause\nTimestamp: ${T + 20}\nQueue: support\n${member}\nStatus: 2\nPaused: 1\nPausedReason: paperwork\nInCall: 1`,
      ),
      status('support', 30, 'Status: 1\nPaused: 1\nPausedReason: paperwork\nInCall: 0'),
      ami(
        `Event: QueueMemberPause\nTimestamp: ${T + 40}\nQueue: support\n${member}\nStatus: 1\nPaused: 1\nPausedReason: Lunch`,
      ),
      ami(
        `Event: QueueMemberPause\nTimestamp: ${T + 50}\nQueue: support\n${member}\nStatus: 1\nPaused: 0`,
      ),
      status('support', 60, 'Status: 5\nPaused: 0'),
    ]);
    expect(rejects).toEqual([]);
    expect(events).toEqual([
      agent(0, 'available'),
      agent(10, 'on_call'),
      agent(30, 'not_ready', 'paperwork'),
      agent(40, 'break', 'Lunch'),
      agent(50, 'available'),
      agent(60, 'logged_out'),
    ]);
  });

  it('reports a new PausedReason of a member already paused, once across its queues', () => {
    const pause = (queue: string, s: number, reason: string) =>
      ami(
        `Event: QueueMemberPause\nTimestamp: ${T + s}\nQueue: ${queue}\n${member}\nStatus: 1\nPaused: 1\nPausedReason: ${reason}\nInCall: 0`,
      );
    const { events, rejects } = run(
      [
        pause('support', 0, 'paperwork'),
        pause('sales', 0, 'paperwork'),
        // Same state (not_ready), another reason: the supervisor must see 'training' now.
        pause('support', 30, 'training'),
        pause('sales', 30, 'training'),
        // A resync's member line with the same reason is no news.
        ami(
          `Event: QueueMember\nQueue: support\nName: Alice\nLocation: PJSIP/1001\nStatus: 1\nPaused: 1\nPausedReason: training\nInCall: 0`,
        ),
        pause('support', 50, 'lunch'),
        pause('support', 60, 'rest'),
      ],
      { breakReasons: ['lunch', 'rest'] },
    );
    expect(rejects).toEqual([]);
    expect(events.map((e) => e.type === 'agent.state' && [e.state, e.reason])).toEqual([
      ['not_ready', 'paperwork'],
      ['not_ready', 'training'],
      ['break', 'lunch'],
      ['break', 'rest'],
    ]);
    // Each has its own id: a reason change at the instant of a state change is not absorbed.
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('counts an AgentRingNoAnswer against the member, who stays in its state', () => {
    const ring = (s: number, who: string, extra = '') =>
      ami(
        `Event: AgentRingNoAnswer\nTimestamp: ${T + s}\n${caller}\nDestUniqueid: 1764000001.${s}\nQueue: support\n${who}\nRingTime: 15000${extra}`,
      );
    const { events, rejects } = run([
      status('support', 0, 'Status: 1\nPaused: 1\nPausedReason: paperwork'),
      ring(10, member),
      ring(30, member), // rung again for the same caller: a second miss
      // Asterisk 11: Member (the interface) and Ringtime; a member not seen before is available.
      ami(
        `Event: AgentRingNoAnswer\nTimestamp: ${T + 40}\nQueue: support\nUniqueid: 1764000000.6\nChannel: Local/2002@from-queue-0001;1\nMember: Local/2002@from-queue/n\nMemberName: Bob\nRingtime: 0`,
      ),
    ]);
    expect(rejects).toEqual([]);
    expect(
      events.map((e) => e.type === 'agent.state' && [e.agentId, e.state, e.reason, e.attrs]),
    ).toEqual([
      ['Alice', 'not_ready', 'paperwork', undefined],
      ['Alice', 'not_ready', 'paperwork', { missedRing: '1764000000.6', ringMs: '15000' }],
      ['Alice', 'not_ready', 'paperwork', { missedRing: '1764000000.6', ringMs: '15000' }],
      ['Bob', 'available', undefined, { missedRing: '1764000000.6', ringMs: '0' }],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('keeps the device state through an Asterisk 11 QueueMemberPaused, which has no Status', () => {
    const paused = (s: number, p: 0 | 1) =>
      ami(
        `Event: QueueMemberPaused\nTimestamp: ${T + s}\nQueue: support\nLocation: PJSIP/1001\nMemberName: Alice\nPaused: ${p}`,
      );
    const { events, rejects } = run([
      status('support', 0, 'Status: 2\nPaused: 1'),
      paused(10, 0), // unpaused mid-call: still on the call
      status('support', 20, 'Status: 1\nPaused: 0'),
      status('support', 30, 'Status: 5\nPaused: 0'),
      paused(40, 1), // an unavailable device paused: still logged out
      paused(50, 0),
      status('support', 60, 'Status: 1\nPaused: 0'),
      paused(70, 1), // an idle member's pause still counts
    ]);
    expect(rejects).toEqual([]);
    expect(events).toEqual([
      agent(0, 'on_call'),
      agent(20, 'available'),
      agent(30, 'logged_out'),
      agent(60, 'available'),
      agent(70, 'not_ready'),
    ]);
  });

  it('logs a member out only when it has left its last queue', () => {
    const { events } = run([
      ami(
        `Event: QueueMemberAdded\nTimestamp: ${T}\nQueue: support\n${member}\nStatus: 1\nPaused: 0`,
      ),
      ami(
        `Event: QueueMemberAdded\nTimestamp: ${T}\nQueue: sales\n${member}\nStatus: 1\nPaused: 0`,
      ),
      ami(`Event: QueueMemberRemoved\nTimestamp: ${T + 5}\nQueue: sales\n${member}`),
      ami(`Event: QueueMemberRemoved\nTimestamp: ${T + 9}\nQueue: support\n${member}`),
    ]);
    expect(events).toEqual([agent(0, 'available'), agent(9, 'logged_out')]);
  });
});

describe('stepAmi: QueueStatus resync after a reconnect', () => {
  const join = (id: string, s: number) =>
    ami(`Event: QueueCallerJoin\nTimestamp: ${T + s}\nUniqueid: ${id}\nQueue: support`);
  const entry = (id: string, wait: number) =>
    ami(
      `Event: QueueEntry\nQueue: support\nPosition: 1\nChannel: PJSIP/trunk-1\nUniqueid: ${id}\nCallerIDNum: 0311112222\nWait: ${wait}`,
    );
  const complete = ami('Event: QueueStatusComplete\nEventList: Complete\nListItems: 3');

  it('adds callers who joined while disconnected, with the join id, and settles the ones that left', () => {
    // Before the drop: two callers waiting. While down: 1.1 left, 1.3 joined.
    const before = run([join('1764000000.1', 0), join('1764000000.2', 5)]).state;
    const { events, rejects, state } = run(
      [
        entry('1764000000.2', 995),
        entry('1764000000.3', 40),
        ami(
          `Event: QueueMember\nQueue: support\nName: Alice\nLocation: PJSIP/1001\nStatus: 1\nPaused: 0\nInCall: 0`,
        ),
        complete,
      ],
      {},
      startResync(before),
    );
    expect(events).toEqual([
      {
        tenant: 'default',
        source: 'asterisk-ami',
        direction: 'inbound',
        queue: 'support',
        callId: '1764000000.3',
        id: 'asterisk-ami:1764000000.3:support:offered',
        type: 'call.offered',
        occurredAt: new Date(NOW - 40_000).toISOString(),
      },
      {
        id: `asterisk-ami:agent:Alice:${NOW}:available`,
        type: 'agent.state',
        occurredAt: new Date(NOW).toISOString(),
        tenant: 'default',
        source: 'asterisk-ami',
        agentId: 'Alice',
        state: 'available',
      },
    ]);
    expect(rejects).toEqual([
      {
        adapter: 'asterisk-ami',
        reason:
          'call 1764000000.1 left queue support while disconnected (joined 2025-11-24T16:00:00.000Z); answered or abandoned is unknown',
        raw: complete.raw,
      },
    ]);
    expect([...state.waiting.keys()]).toEqual(['1764000000.2', '1764000000.3']);
    expect(state.resync).toBeUndefined();
  });

  it('gives a caller found again after the state was lost the id of its join (a duplicate)', () => {
    const joined = run([join('1764000000.2', 5)]).events;
    const resynced = run(
      [entry('1764000000.2', 995), complete],
      {},
      startResync(initialAmiState),
    ).events;
    expect(resynced.map((e) => e.id)).toEqual(joined.map((e) => e.id));
  });

  it('ignores QueueStatus answers it did not ask for', () => {
    const before = run([join('1764000000.1', 0)]).state;
    expect(run([complete], {}, before)).toMatchObject({ events: [], rejects: [] });
  });
});

describe('stepAmi: the caller of an abandoned call', () => {
  const join = (callerId: string) =>
    ami(
      `Event: QueueCallerJoin\nTimestamp: ${T}\n${caller}\nCallerIDNum: ${callerId}\nQueue: support\nPosition: 1\nCount: 1`,
    );
  const abandon = (extra = '') =>
    ami(
      `Event: QueueCallerAbandon\nTimestamp: ${T + 33}\n${caller}${extra}\nQueue: support\nPosition: 1\nOriginalPosition: 1\nHoldTime: 33`,
    );

  const abandoned = (frames: AmiFrame[]) =>
    run(frames).events.find((e) => e.type === 'call.abandoned');

  it('takes CallerIDNum from the abandon (Asterisk 12+) into attrs.caller', () => {
    expect(abandoned([abandon('\nCallerIDNum: 09011112222')])).toMatchObject({
      attrs: { caller: '09011112222' },
    });
  });

  it('falls back on the join’s CallerIDNum, and keeps no placeholder', () => {
    expect(abandoned([join('0311112222'), abandon()])?.attrs).toEqual({ caller: '0311112222' });
    expect(abandoned([join('<unknown>'), abandon()])?.attrs).toBeUndefined();
    expect(abandoned([abandon('\nCallerIDNum: <unknown>')])?.attrs).toBeUndefined();
  });

  it('puts no caller on the offered call', () => {
    expect(run([join('0311112222')]).events[0]?.attrs).toBeUndefined();
  });
});

// app_queue.c (queue_exec): QueueCallerAbandon for a hang-up and for EXITWITHTIMEOUT /
// EXITEMPTY alike, then QueueCallerLeave; an exit with a key raises only QueueCallerLeave, as
// does an answered call just before its AgentConnect. HangupRequest (class `call`) comes first
// when the caller hangs up.
describe('stepAmi: why a caller left the queue unanswered', () => {
  const join = ami(
    `Event: QueueCallerJoin\nTimestamp: ${T}\n${caller}\nQueue: support\nPosition: 1`,
  );
  const abandon = ami(
    `Event: QueueCallerAbandon\nTimestamp: ${T + 60}\n${caller}\nQueue: support\nPosition: 1\nOriginalPosition: 1\nHoldTime: 60`,
  );
  const leave = (s: number) =>
    ami(
      `Event: QueueCallerLeave\nTimestamp: ${T + s}\n${caller}\nQueue: support\nCount: 0\nPosition: 1`,
    );
  const hangup = (s: number, uniqueid: string) =>
    ami(`Event: HangupRequest\nTimestamp: ${T + s}\nChannel: PJSIP/x\nUniqueid: ${uniqueid}`);
  const added = (paused: string) =>
    ami(
      `Event: QueueMemberAdded\nTimestamp: ${T - 100}\nQueue: support\n${member}\nStatus: 1\nPaused: ${paused}\nPausedReason: lunch`,
    );
  const abandoned = (frames: readonly AmiFrame[]) =>
    run(frames).events.filter((e) => e.type === 'call.abandoned');

  it('is a hang-up when the caller’s HangupRequest came before the abandon', () => {
    expect(abandoned([join, hangup(59, '1764000000.6'), abandon, leave(60)])).toMatchObject([
      { waitMs: 60000, reason: 'caller_hangup' },
    ]);
  });

  it('is the queue giving up when hang-ups are read and none came: timeout, or empty', () => {
    const other = hangup(-5, '1763999999.1'); // some other channel: class `call` is read
    expect(abandoned([added('0'), other, join, abandon, leave(60)])).toMatchObject([
      { reason: 'timeout' },
    ]);
    expect(abandoned([added('1'), other, join, abandon, leave(60)])).toMatchObject([
      { reason: 'empty' },
    ]);
  });

  it('settles a caller who left alive without an agent as an exit with a key', () => {
    const later = ami(
      `Event: QueueMemberStatus\nTimestamp: ${T + 80}\nQueue: support\n${member}\nStatus: 1\nPaused: 0`,
    );
    const { events, state } = run([added('0'), join, leave(45), later]);
    expect(events.filter((e) => e.type === 'call.abandoned')).toEqual([
      {
        ...base,
        id: 'asterisk-ami:1764000000.6:support:abandoned',
        type: 'call.abandoned',
        occurredAt: at(45),
        waitMs: 45000,
        reason: 'key',
      },
    ]);
    expect(state.waiting.size).toBe(0);
  });

  it('waits for the AgentConnect that follows an answered caller’s leave', () => {
    const connect = ami(
      `Event: AgentConnect\nTimestamp: ${T + 21}\n${caller}\nQueue: support\n${member}\nRingTime: 3\nHoldTime: 20`,
    );
    const later = ami(
      `Event: QueueMemberStatus\nTimestamp: ${T + 90}\nQueue: support\n${member}\nStatus: 2\nInCall: 1`,
    );
    const { events } = run([join, leave(20), connect, later]);
    expect(events.map((e) => e.type)).toEqual(['call.offered', 'call.connected', 'agent.state']);
  });
});
