import type { CallEvent } from '@mieruka/contracts';
import { fold } from '../common/testing';
import type { AsteriskOptions } from '../common/asterisk-options';
import { stepQueueLog } from './map-line';
import { initialQueueLogState } from './state';

// Fixture lines follow the queue_log format documented in Asterisk's doc/queuelog.txt
// ("Queue Logs", https://docs.asterisk.org/Operation/Logging/Queue-Logs/):
//   ENTERQUEUE(url|callerid[|position]), CONNECT(holdtime|bridgedchanneluniqueid|ringtime)
//   (ringtime since 1.6), COMPLETECALLER/COMPLETEAGENT(holdtime|calltime|origposition),
//   ABANDON/EXITEMPTY/EXITWITHTIMEOUT(position|origposition|waittime),
//   EXITWITHKEY(key|position|origposition|waittime), RINGNOANSWER(ringtime ms),
//   PAUSE/UNPAUSE(reason), ADDMEMBER/REMOVEMEMBER, TRANSFER(exten|context|holdtime|calltime|pos);
// and FreePBX's `epoch|uniqueid|NONE|NONE|DID|<did>` line written before ENTERQUEUE.
const T = 1764000000; // 2025-11-24T16:00:00Z
const at = (s: number) => new Date((T + s) * 1000).toISOString();
const base = { tenant: 'default', source: 'asterisk-queue-log', direction: 'inbound' } as const;
/** The offer worked out for a call whose ENTERQUEUE was not read (a rotated file). */
const inferredOffer = (callId: string, queue: string, seconds: number) => ({
  ...base,
  id: `asterisk-queue-log:${callId}:${queue}:offered`,
  type: 'call.offered',
  occurredAt: at(seconds),
  callId,
  queue,
  attrs: { offerInferred: 'true' },
});
const run = (lines: readonly string[], options: AsteriskOptions = {}) =>
  fold(initialQueueLogState, lines, (s, line) => stepQueueLog(s, line, options));

describe('stepQueueLog: calls', () => {
  it.each([
    [
      'an answered call, Asterisk 1.6+ CONNECT with ringtime, FreePBX DID',
      [
        `${T}|1764000000.6|NONE|NONE|DID|0312345678`,
        `${T}|1764000000.6|support|NONE|ENTERQUEUE||09011112222|1`,
        `${T + 12}|1764000000.6|support|Alice|CONNECT|12|1764000012.9|4`,
        `${T + 280}|1764000000.6|support|Alice|COMPLETECALLER|12|268|1`,
      ],
      [
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.6:support:offered',
          type: 'call.offered',
          occurredAt: at(0),
          callId: '1764000000.6',
          queue: 'support',
          attrs: { did: '0312345678' },
        },
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.6:support:connected',
          type: 'call.connected',
          occurredAt: at(12),
          callId: '1764000000.6',
          queue: 'support',
          agentId: 'Alice',
          waitMs: 12000,
          attrs: { ringMs: '4000' },
        },
        {
          id: 'asterisk-queue-log:agent:Alice:1764000012000:on__call',
          type: 'agent.state',
          occurredAt: at(12),
          tenant: 'default',
          source: 'asterisk-queue-log',
          agentId: 'Alice',
          state: 'on_call',
        },
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.6:support:wrapped',
          type: 'call.wrapped',
          occurredAt: at(280),
          callId: '1764000000.6',
          queue: 'support',
          agentId: 'Alice',
          talkMs: 268000,
          holdMs: 0,
          wrapMs: 0,
          disposition: 'completed',
          attrs: { endedBy: 'caller' },
        },
        {
          id: 'asterisk-queue-log:agent:Alice:1764000280000:available',
          type: 'agent.state',
          occurredAt: at(280),
          tenant: 'default',
          source: 'asterisk-queue-log',
          agentId: 'Alice',
          state: 'available',
        },
      ],
    ],
    [
      'an old CONNECT without ringtime, ended by the agent',
      [
        `${T + 5}|1764000005.1|sales|SIP/1001|CONNECT|5|1764000010.2`,
        `${T + 65}|1764000005.1|sales|SIP/1001|COMPLETEAGENT|5|60|2`,
      ],
      [
        inferredOffer('1764000005.1', 'sales', 0),
        {
          ...base,
          id: 'asterisk-queue-log:1764000005.1:sales:connected',
          type: 'call.connected',
          occurredAt: at(5),
          callId: '1764000005.1',
          queue: 'sales',
          agentId: 'SIP/1001',
          waitMs: 5000,
        },
        {
          id: 'asterisk-queue-log:agent:SIP_2f1001:1764000005000:on__call',
          type: 'agent.state',
          occurredAt: at(5),
          tenant: 'default',
          source: 'asterisk-queue-log',
          agentId: 'SIP/1001',
          state: 'on_call',
        },
        {
          ...base,
          id: 'asterisk-queue-log:1764000005.1:sales:wrapped',
          type: 'call.wrapped',
          occurredAt: at(65),
          callId: '1764000005.1',
          queue: 'sales',
          agentId: 'SIP/1001',
          talkMs: 60000,
          holdMs: 0,
          wrapMs: 0,
          disposition: 'completed',
          attrs: { endedBy: 'agent' },
        },
        {
          id: 'asterisk-queue-log:agent:SIP_2f1001:1764000065000:available',
          type: 'agent.state',
          occurredAt: at(65),
          tenant: 'default',
          source: 'asterisk-queue-log',
          agentId: 'SIP/1001',
          state: 'available',
        },
      ],
    ],
    [
      'an abandon after 33 s; a member only rung (a static member) appears, available',
      [
        `${T + 1}|1764000001.3|support|Bob|RINGNOANSWER|15000`,
        `${T + 33}|1764000001.3|support|NONE|ABANDON|2|3|33`,
      ],
      [
        {
          id: 'asterisk-queue-log:agent:Bob:1764000001000:available',
          type: 'agent.state',
          occurredAt: at(1),
          tenant: 'default',
          source: 'asterisk-queue-log',
          agentId: 'Bob',
          state: 'available',
        },
        {
          // The ring itself, for the floor's missed rings; the state stays what it was.
          id: 'asterisk-queue-log:agent:Bob:1764000001000:ring:1764000001.3',
          type: 'agent.state',
          occurredAt: at(1),
          tenant: 'default',
          source: 'asterisk-queue-log',
          agentId: 'Bob',
          state: 'available',
          attrs: { missedRing: '1764000001.3', ringMs: '15000' },
        },
        inferredOffer('1764000001.3', 'support', 0),
        {
          ...base,
          id: 'asterisk-queue-log:1764000001.3:support:abandoned',
          type: 'call.abandoned',
          occurredAt: at(33),
          callId: '1764000001.3',
          queue: 'support',
          waitMs: 33000,
          reason: 'caller_hangup',
        },
      ],
    ],
    [
      'a timeout, an empty queue and a key press leave the queue unanswered',
      [
        `${T + 300}|1764000000.7|support|NONE|EXITWITHTIMEOUT|1|1|300`,
        `${T + 2}|1764000000.8|night|NONE|EXITEMPTY|1|1|2`,
        `${T + 40}|1764000000.9|support|NONE|EXITWITHKEY|5|2|3|40`,
      ],
      [
        inferredOffer('1764000000.7', 'support', 0),
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.7:support:abandoned',
          type: 'call.abandoned',
          occurredAt: at(300),
          callId: '1764000000.7',
          queue: 'support',
          waitMs: 300000,
          reason: 'timeout',
        },
        inferredOffer('1764000000.8', 'night', 0),
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.8:night:abandoned',
          type: 'call.abandoned',
          occurredAt: at(2),
          callId: '1764000000.8',
          queue: 'night',
          waitMs: 2000,
          reason: 'empty',
        },
        inferredOffer('1764000000.9', 'support', 0),
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.9:support:abandoned',
          type: 'call.abandoned',
          occurredAt: at(40),
          callId: '1764000000.9',
          queue: 'support',
          waitMs: 40000,
          reason: 'key',
          attrs: { key: '5' },
        },
      ],
    ],
    [
      'a pre-1.6 EXITWITHTIMEOUT (position only) takes its wait from ENTERQUEUE',
      [
        `${T}|1764000000.4|support|NONE|ENTERQUEUE||0311112222`,
        `${T + 90}|1764000000.4|support|NONE|EXITWITHTIMEOUT|1`,
      ],
      [
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.4:support:offered',
          type: 'call.offered',
          occurredAt: at(0),
          callId: '1764000000.4',
          queue: 'support',
        },
        {
          ...base,
          id: 'asterisk-queue-log:1764000000.4:support:abandoned',
          type: 'call.abandoned',
          occurredAt: at(90),
          callId: '1764000000.4',
          queue: 'support',
          waitMs: 90000,
          reason: 'timeout',
          attrs: { caller: '0311112222' }, // ENTERQUEUE's callerid
        },
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    const { events, rejects } = run(lines);
    expect(rejects).toEqual([]);
    expect(events).toEqual(expected);
  });

  it('maps a transfer as the end of the queue call, using its last three times', () => {
    const { events } = run([
      `${T + 200}|1764000000.5|support|Alice|TRANSFER|2001|from-internal|8|190|1`,
    ]);
    expect(events[0]).toMatchObject({
      type: 'call.wrapped',
      talkMs: 190000,
      attrs: { endedBy: 'transfer' },
    });
  });

  it('uses the configured wrap-up, agent ids, disposition and id prefix', () => {
    const { events } = run(
      [
        `${T + 12}|1764000000.6|support|Alice|CONNECT|12|1764000012.9|4`,
        `${T + 280}|1764000000.6|support|Alice|COMPLETECALLER|12|268|1`,
      ],
      {
        idPrefix: 'pbx1',
        tenant: 'osaka',
        agentIds: { Alice: 'a-7' },
        wrapupMs: { support: 30000 },
        disposition: 'resolved',
      },
    );
    expect(
      events.map((e) => [e.id, e.type, e.occurredAt, 'state' in e ? e.state : e.agentId]),
    ).toEqual([
      ['pbx1:1764000000.6:support:offered', 'call.offered', at(0), undefined],
      ['pbx1:1764000000.6:support:connected', 'call.connected', at(12), 'a-7'],
      ['pbx1:agent:a-7:1764000012000:on__call', 'agent.state', at(12), 'on_call'],
      ['pbx1:1764000000.6:support:wrapped', 'call.wrapped', at(280), 'a-7'],
      ['pbx1:agent:a-7:1764000280000:wrap', 'agent.state', at(280), 'wrap'],
      ['pbx1:agent:a-7:1764000310000:available', 'agent.state', at(310), 'available'],
    ]);
    expect(events[3]).toMatchObject({ tenant: 'osaka', wrapMs: 30000, disposition: 'resolved' });
  });

  it('gives the same ids when a file is read again', () => {
    const lines = [
      `${T}|1764000000.6|support|NONE|ENTERQUEUE||0|1`,
      `${T + 33}|1764000000.6|support|NONE|ABANDON|1|1|33`,
    ];
    expect(run(lines).events.map((e) => e.id)).toEqual(run(lines).events.map((e) => e.id));
  });
});

describe('stepQueueLog: agents', () => {
  const state = (s: number, state: string, reason?: string) => ({
    id: `asterisk-queue-log:agent:Bob:${(T + s) * 1000}:${state.replace('_', '__')}`,
    type: 'agent.state',
    occurredAt: at(s),
    tenant: 'default',
    source: 'asterisk-queue-log',
    agentId: 'Bob',
    state,
    ...(reason ? { reason } : {}),
  });

  it('follows log-in, pauses with reasons, and log-out across several queues', () => {
    const { events, rejects } = run([
      `${T}|NONE|support|Bob|ADDMEMBER|`,
      `${T}|NONE|sales|Bob|ADDMEMBER|`,
      `${T + 60}|NONE|support|Bob|PAUSE|Lunch`,
      `${T + 60}|NONE|sales|Bob|PAUSE|Lunch`,
      `${T + 120}|NONE|NONE|Bob|UNPAUSEALL|`,
      `${T + 180}|NONE|NONE|Bob|PAUSEALL|coaching`,
      `${T + 240}|NONE|support|Bob|UNPAUSE|`,
      `${T + 300}|NONE|support|Bob|REMOVEMEMBER|`,
      `${T + 360}|NONE|sales|Bob|REMOVEMEMBER|`,
    ]);
    expect(rejects).toEqual([]);
    expect(events).toEqual([
      state(0, 'available'),
      state(60, 'break', 'Lunch'),
      state(120, 'available'),
      state(180, 'not_ready', 'coaching'),
      state(240, 'available'),
      state(360, 'logged_out'),
    ]);
  });
});

describe('stepQueueLog: what is rejected or skipped', () => {
  it.each([
    ['x|1.1|q|NONE|ENTERQUEUE|', 'queue_log: "x" is not an epoch time in seconds'],
    [`${T}|1.1|q|NONE`, 'queue_log: expected epoch|callid|queue|member|EVENT|…, got 4 field(s)'],
    [`${T}|1.1|q|NONE|HOLD|12`, 'HOLD: not a queue_log event this adapter knows'],
    [`${T}|NONE|q|NONE|ENTERQUEUE|`, 'ENTERQUEUE: needs a call id and a queue'],
    [`${T}|1.1|q|Alice|CONNECT|soon|1.2`, 'CONNECT: holdtime is not a whole number of seconds'],
    [
      `${T}|1.1|q|NONE|EXITWITHTIMEOUT|1`,
      'EXITWITHTIMEOUT: no wait time (parameter or earlier ENTERQUEUE)',
    ],
    [`${T}|NONE|q|NONE|PAUSE|x`, 'PAUSE: needs a member'],
  ])('%s', (line, reason) => {
    const result = stepQueueLog(initialQueueLogState, line);
    expect(result.events).toEqual([]);
    expect(result.rejects).toEqual([{ adapter: 'asterisk-queue-log', reason, raw: line }]);
  });

  it('rejects an absurd duration through the canonical schema, still following the agent', () => {
    const line = `${T}|1.1|q|Alice|COMPLETECALLER|3|99999`;
    const result = stepQueueLog(initialQueueLogState, line);
    expect(result.rejects).toEqual([
      {
        adapter: 'asterisk-queue-log',
        reason: 'talkMs: must be below 86400000 (24 hours)',
        raw: line,
      },
    ]);
    expect(result.events.map((e) => e.type)).toEqual(['agent.state']);
  });

  it.each(['', '\r\n', `${T}|NONE|NONE|NONE|QUEUESTART|`, `${T}|NONE|support|NONE|CONFIGRELOAD|`])(
    'maps %j to nothing, on purpose',
    (line) => {
      expect(stepQueueLog(initialQueueLogState, line)).toEqual({
        state: initialQueueLogState,
        events: [],
        rejects: [],
      });
    },
  );
});

describe('stepQueueLog: the caller of an abandoned call', () => {
  const run = (lines: readonly string[]) => {
    let state = initialQueueLogState;
    const events: CallEvent[] = [];
    for (const line of lines) {
      const step = stepQueueLog(state, line);
      state = step.state;
      events.push(...step.events);
    }
    return { state, events };
  };

  it('keeps ENTERQUEUE’s callerid for the ABANDON, then forgets it', () => {
    const { state, events } = run([
      `${T}|1764000009.1|support|NONE|ENTERQUEUE||09011112222|1`,
      `${T + 20}|1764000009.1|support|NONE|ABANDON|1|1|20`,
    ]);
    expect(events[1]).toMatchObject({ type: 'call.abandoned', attrs: { caller: '09011112222' } });
    expect(events[0]?.attrs).toBeUndefined();
    expect(state.callers.size).toBe(0);
  });

  it('forgets it when the call is answered, and keeps no placeholder', () => {
    expect(
      run([
        `${T}|1764000009.2|support|NONE|ENTERQUEUE||0311112222|1`,
        `${T + 5}|1764000009.2|support|SIP/1001|CONNECT|5|1764000014.1|3`,
      ]).state.callers.size,
    ).toBe(0);
    const anonymous = run([
      `${T}|1764000009.3|support|NONE|ENTERQUEUE||anonymous|1`,
      `${T + 9}|1764000009.3|support|NONE|ABANDON|1|1|9`,
    ]);
    expect(anonymous.events[1]?.attrs).toBeUndefined();
  });
});

describe('stepQueueLog: untidy lines real files hold', () => {
  it('ends a call whose COMPLETEAGENT leaves the call time empty (a call-back script), from its CONNECT', () => {
    const { events, rejects } = run([
      `${T}|1764000000.21|support|NONE|ENTERQUEUE||0311112222|1`,
      `${T + 10}|1764000000.21|support|Alice|CONNECT|10|1764000010.3|2`,
      `${T + 95}|1764000000.21|support|Alice|COMPLETEAGENT|10||1`,
    ]);
    expect(rejects).toEqual([]);
    expect(events.find((e) => e.type === 'call.wrapped')).toMatchObject({ talkMs: 85_000 });
    // …and the agent is free again, not on a call for good.
    expect(events.at(-1)).toMatchObject({ type: 'agent.state', state: 'available' });
  });

  it('ends it with the talk time unknown when even the CONNECT was not read', () => {
    const { events, rejects } = run([`${T + 95}|1764000000.22|support|Alice|COMPLETEAGENT|10|`]);
    expect(rejects).toEqual([]);
    expect(events.find((e) => e.type === 'call.wrapped')).toMatchObject({
      talkMs: 0,
      attrs: { endedBy: 'agent', talkUnknown: 'true' },
    });
  });

  it('still rejects a call time that is not a number', () => {
    const { rejects } = run([`${T}|1764000000.23|support|Alice|COMPLETEAGENT|10|abc|1`]);
    expect(rejects.map((r) => r.reason)).toEqual([
      'COMPLETEAGENT: calltime is not a whole number of seconds',
    ]);
  });

  it('is one agent when the device and the member name both appear (agentIds maps both)', () => {
    const { events } = run(
      [
        `${T}|NONE|support|PJSIP/1001|ADDMEMBER|`,
        `${T + 5}|1764000000.24|support|Alice|CONNECT|5|1764000005.1|1`,
        `${T + 65}|1764000000.24|support|Alice|COMPLETECALLER|5|60|1`,
        `${T + 70}|NONE|NONE|PJSIP/1001|PAUSE|Lunch`,
      ],
      { agentIds: { 'PJSIP/1001': 'alice', Alice: 'alice' } },
    );
    const states = events.filter((e) => e.type === 'agent.state');
    expect(states.map((e) => [e.agentId, 'state' in e && e.state])).toEqual([
      ['alice', 'available'],
      ['alice', 'on_call'],
      ['alice', 'available'],
      ['alice', 'break'],
    ]);
  });
});
