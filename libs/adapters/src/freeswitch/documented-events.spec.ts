import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import { createFloor, floorView, foldFloor } from '@mieruka/kpi';
import { fold } from '../common/testing';
import { headerBlock } from './esl-parser';
import { initialFreeswitchState, stepFreeswitch } from './map-event';

/**
 * mod_callcenter's own documented example events (tests/fixtures/adapters/freeswitch, with
 * where they came from): no capture of a running FreeSWITCH under a licence that allows a
 * copy was found, so these are the vendor's examples, kept as printed.
 */
const FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tests',
  'fixtures',
  'adapters',
  'freeswitch',
  'mod-callcenter-documented-events.txt',
);
const blocks = readFileSync(FILE, 'utf8')
  .split(/\n\s*\n/)
  .filter((b) => b.trim() !== '')
  .map((b) => headerBlock(b, false));

describe('mod_callcenter’s documented events', () => {
  it('has the ten examples of the page, in its order', () => {
    expect(blocks.map((b) => b['CC-Action']?.trim())).toEqual([
      'agent-status-change',
      'agent-state-change',
      'agent-offering',
      'bridge-agent-start',
      'bridge-agent-end',
      'bridge-agent-fail',
      'members-count',
      'member-queue-start',
      'member-queue-end',
      'member-queue-end',
    ]);
  });

  it('as printed (no Event-Date-Timestamp), none is dropped silently: each is a dead letter saying why', () => {
    const { events, rejects } = fold(initialFreeswitchState, blocks, (s, b) =>
      stepFreeswitch(s, b),
    );
    expect(events).toEqual([]);
    // agent-offering and members-count map to nothing anyway; every other one needs its time.
    expect(rejects.map((r) => r.reason)).toEqual(
      [0, 1, 3, 4, 5, 7, 8, 9].map(
        (i) => `${blocks[i]?.['CC-Action'] ?? ''}: Event-Date-Timestamp is not epoch microseconds`,
      ),
    );
  });

  it('with the Event-Date-Timestamp a running FreeSWITCH adds, the wallboard shows the calls and agents', () => {
    // The page notes that the channel's headers, Event-Date-Timestamp among them, come with
    // each event but prints none. Each block gets the time its own CC times say it happened
    // (epoch seconds of 1970, as printed), else one that keeps the page's order.
    const seconds = [8990, 8995, 10000, 10009, 10500, 10000, 9000, 9000, 10100, 10050];
    const timed = blocks.map((b, i) => ({
      ...b,
      'Event-Date-Timestamp': String((seconds[i] ?? 0) * 1_000_000),
    }));
    const { events, rejects } = fold(initialFreeswitchState, timed, (s, b) => stepFreeswitch(s, b));
    expect(rejects).toEqual([]);
    const summary = (e: CallEvent) => {
      switch (e.type) {
        case 'agent.state':
          return [e.type, e.agentId, e.state, e.attrs?.missedRing];
        case 'call.offered':
          return [e.type, e.callId, e.queue, e.attrs?.offerInferred];
        case 'call.connected':
          return [e.type, e.callId, e.agentId, e.waitMs];
        case 'call.wrapped':
          return [e.type, e.callId, e.agentId, e.talkMs];
        case 'call.abandoned':
          return [e.type, e.callId, e.reason, e.waitMs, e.attrs?.caller];
        default:
          return [e.type];
      }
    };
    expect(events.map(summary)).toEqual([
      ['agent.state', '1000', 'available', undefined],
      // Receiving is still available: no second state.
      // Its member-queue-start is not among the examples: the offer, from CC-Member-Joined-Time.
      ['call.offered', 'c6360976-231c-43c6-bda7-7ac4c7d1c125', 'support', 'true'],
      ['call.connected', 'c6360976-231c-43c6-bda7-7ac4c7d1c125', 'AgentNameHere', 1_009_000],
      ['call.wrapped', 'c6360976-231c-43c6-bda7-7ac4c7d1c125', 'AgentNameHere', 491_000],
      // The placeholder cause "CHECK FS HANGUP CAUSE" is no cancel by the module: a miss.
      ['agent.state', 'AgentNameHere', 'available', 'c6360976-231c-43c6-bda7-7ac4c7d1c125'],
      ['call.offered', 'b77c49c2-a732-11df-9438-e7d9456f8886', 'support', undefined],
      // Terminated: answered, so nothing; Cancel with TIMEOUT: the queue gave up after 1050 s.
      ['call.offered', 'e260ffd0-a731-11df-9341-e7d9456f8886', 'support', 'true'],
      [
        'call.abandoned',
        'e260ffd0-a731-11df-9341-e7d9456f8886',
        'timeout',
        1_050_000,
        '5145551212',
      ],
    ]);

    const floor = createFloor(defaultTenantSettings('default'));
    for (const e of events) foldFloor(floor, e);
    const view = floorView(floor, 10_600_000);
    expect(view.agents).toEqual({
      '1000': expect.objectContaining({ state: 'available' }),
      AgentNameHere: expect.objectContaining({ state: 'available', missedRings: 1 }),
    });
    expect(view.abandoned).toEqual([
      expect.objectContaining({ queue: 'support', reason: 'timeout', waitMs: 1_050_000 }),
    ]);
  });
});
