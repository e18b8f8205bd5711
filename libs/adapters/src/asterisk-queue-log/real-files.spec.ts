import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import { createFloor, floorView, foldFloor } from '@mieruka/kpi';
import { fold } from '../common/testing';
import type { AsteriskOptions } from '../common/asterisk-options';
import { OFFER_INFERRED_ATTR, stepQueueLog } from './map-line';
import { initialQueueLogState } from './state';

/**
 * queue_log files from real systems (tests/fixtures/adapters/asterisk-queue-log, with where
 * each came from): what the wallboard must show for each.
 */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'adapters');

function mapFile(name: string, options: AsteriskOptions = {}) {
  const lines = readFileSync(join(FIXTURES, 'asterisk-queue-log', name), 'utf8').split('\n');
  return fold(initialQueueLogState, lines, (s, line) => stepQueueLog(s, line, options));
}

const ofType = (events: readonly CallEvent[], type: CallEvent['type']) =>
  events.filter((e) => e.type === type);

/** Each agent's last reported state (and reason), as the floor shows it. */
function lastStates(events: readonly CallEvent[]): Record<string, string> {
  const states: Record<string, string> = {};
  for (const e of events) {
    if (e.type === 'agent.state')
      states[e.agentId] = e.reason ? `${e.state} (${e.reason})` : e.state;
  }
  return states;
}

/** Each listed agent's missed rings on the agent grid at `at`, as the floor counts them. */
function missedRings(events: readonly CallEvent[], at: number): Record<string, number> {
  const floor = createFloor(defaultTenantSettings('default'));
  for (const e of events) foldFloor(floor, e);
  const counts: Record<string, number> = {};
  for (const [agentId, agent] of Object.entries(floorView(floor, at).agents))
    counts[agentId] = agent.missedRings ?? 0;
  return counts;
}

describe('queue_log files from real systems', () => {
  it('FreePBX 2010: nine static members seen only ringing are nine agents, all available', () => {
    const { events, rejects } = mapFile('freepbx-2010-rung-members.queue_log');
    expect(rejects).toEqual([]);
    const members = ['2001', '2002', '2004', '2005', '2006', '2007', '2008', '2009', '2010'];
    expect(Object.keys(lastStates(events)).sort()).toEqual(
      members.map((m) => `Local/${m}@from-internal/n`),
    );
    expect(new Set(Object.values(lastStates(events)))).toEqual(new Set(['available']));
    expect(ofType(events, 'call.offered')).toHaveLength(2);
    // The grid counts each RINGNOANSWER against its member; 2004, who answered both, none.
    const local = (m: string) => `Local/${m}@from-internal/n`;
    expect(missedRings(events, 100_000)).toEqual({
      [local('2001')]: 2,
      [local('2002')]: 1,
      [local('2004')]: 0,
      [local('2005')]: 1,
      [local('2006')]: 1,
      [local('2007')]: 1,
      [local('2008')]: 2,
      [local('2009')]: 1,
      [local('2010')]: 1,
    });
    expect(ofType(events, 'call.connected').map((e) => 'waitMs' in e && e.waitMs)).toEqual([
      1000, 2000,
    ]);
    expect(ofType(events, 'call.wrapped').map((e) => 'talkMs' in e && e.talkMs)).toEqual([
      3000, 4000,
    ]);
  });

  it('FreePBX 2010 from mid-call (a rotated file): the connect brings its offer, so offered ≥ answered', () => {
    const { events, rejects } = mapFile('freepbx-2010-mid-call.queue_log');
    expect(rejects).toEqual([]);
    const offers = ofType(events, 'call.offered');
    expect(offers.map((e) => [e.callId, e.occurredAt, e.attrs?.[OFFER_INFERRED_ATTR]])).toEqual([
      // CONNECT at 1266834038 after 36 s in the queue.
      ['1266833996.30', '2010-02-22T10:20:02.000Z', 'true'],
      ['1266834354.91', '2010-02-22T10:26:00.000Z', undefined],
    ]);
    expect(ofType(events, 'call.connected')).toHaveLength(1);
    expect(lastStates(events)).toEqual({
      'Local/2007@from-internal/n': 'available', // only rung
      'Local/2004@from-internal/n': 'available', // answered, then completed
    });
    // 2007 let 1266833996.31 ring for 3 s: one missed ring on the grid that day.
    expect(missedRings(events, 1266834400_000)).toEqual({
      'Local/2007@from-internal/n': 1,
      'Local/2004@from-internal/n': 0,
    });
  });

  it('a softphone integration: AGENTLOGIN|-, a hold time alone, PAUSEALL then PAUSEREASON, "null" fields', () => {
    const { events, rejects } = mapFile('softphone-integration.queue_log', {
      breakReasons: ['almuerzo'],
    });
    expect(rejects).toEqual([]);
    const states = ofType(events, 'agent.state').map((e) =>
      e.type === 'agent.state' ? [e.occurredAt.slice(11, 19), e.state, e.reason] : [],
    );
    expect(states).toEqual([
      ['02:00:00', 'available', undefined],
      ['02:01:52', 'on_call', undefined],
      ['02:03:50', 'available', undefined],
      ['02:05:00', 'not_ready', undefined], // PAUSEALL|: no reason yet
      ['02:05:00', 'break', 'Almuerzo'], // …then its PAUSEREASON line: the code is kept
      ['02:35:00', 'available', undefined],
      ['02:36:49', 'on_call', undefined],
      ['02:38:20', 'available', undefined],
      ['02:50:00', 'logged_out', undefined],
    ]);
    expect(ofType(events, 'call.wrapped').map((e) => 'talkMs' in e && e.talkMs)).toEqual([
      118_000, 91_000,
    ]);
    expect(ofType(events, 'call.connected').map((e) => 'waitMs' in e && e.waitMs)).toEqual([
      12_000, 9_000,
    ]);
  });
});
