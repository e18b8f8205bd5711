import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '@mieruka/contracts';
import { fold } from '../common/testing';
import { AmiFrameParser } from './frame-parser';
import type { AmiFrame } from './frame';
import { stepAmi } from './map-frame';
import { initialAmiState, startResync, type AmiState } from './state';

/**
 * AMI streams captured from real Asterisk systems (tests/fixtures/adapters/asterisk-ami, with
 * where each came from): what the wallboard must show for each.
 */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'adapters');

/** The captures carry no Timestamp header: frame n is taken to arrive at second n. */
const T0 = Date.UTC(2014, 9, 20, 16, 52, 16);

function framesOf(name: string): { frames: AmiFrame[]; malformed: string[] } {
  const text = readFileSync(join(FIXTURES, 'asterisk-ami', name), 'utf8');
  const parser = new AmiFrameParser();
  const frames: AmiFrame[] = [];
  const malformed: string[] = [];
  // Fed in uneven chunks, as a socket would deliver it.
  for (let i = 0; i < text.length; i += 97) {
    for (const out of parser.push(text.slice(i, i + 97))) {
      if (out.ok) frames.push(out.frame);
      else malformed.push(out.reason);
    }
  }
  return { frames, malformed };
}

function mapFile(name: string, state: AmiState = initialAmiState) {
  const { frames, malformed } = framesOf(name);
  const indexed = frames.map((frame, n) => ({ frame, n }));
  const result = fold(state, indexed, (s, { frame, n }) => stepAmi(s, frame, T0 + n * 1000));
  return { ...result, frames, malformed };
}

/** Agent states as [frame number, agent, state]. */
function states(events: readonly CallEvent[]): [number, string, string][] {
  return events
    .filter((e) => e.type === 'agent.state')
    .map((e) => [
      (Date.parse(e.occurredAt) - T0) / 1000,
      e.type === 'agent.state' ? e.agentId : '',
      e.type === 'agent.state' ? e.state : '',
    ]);
}

describe('AMI streams from real systems', () => {
  it('panoramisk queue_status: QueueStatus answers (Asterisk 11, `Name:` not `MemberName:`) give one state per member', () => {
    const { events, rejects, malformed, frames } = mapFile(
      'panoramisk-queue-status.ami',
      startResync(initialAmiState),
    );
    // Actions sent by the client, responses, `Response: Follows` command output: no rejects.
    expect(malformed).toEqual([]);
    expect(rejects).toEqual([]);
    expect(frames.filter((f) => f.pairs[0]?.[0] === 'Event')).toHaveLength(23);
    expect(events.every((e) => e.type === 'agent.state')).toBe(true);
    // Each member reported once however often QueueStatus lists it; Agent/999's device is
    // UNAVAILABLE (Status 5) while paused: logged out, not on a break.
    expect(states(events).map(([, agent, state]) => [agent, state])).toEqual([
      ['Agent/220', 'available'],
      ['Agent/859', 'available'],
      ['Agent/214', 'available'],
      ['Agent/333', 'available'],
      ['Agent/999', 'logged_out'],
      ['Agent/213', 'available'], // listed from the second answer on
    ]);
  });

  it('panoramisk agent_not_in_pause: an agent on a call unpauses through a feature code (Asterisk 11 QueueMemberPaused has no Status)', () => {
    const { events, rejects, malformed, frames } = mapFile('panoramisk-agent-unpause.ami');
    expect(malformed).toEqual([]);
    expect(rejects).toEqual([]);
    const at = (event: string, nth = 0) =>
      frames.map((f, n) => [f, n] as const).filter(([f]) => f.pairs[0]?.[1] === event)[nth]?.[1];
    // The agent's phone is in use (the *12 call, Status 2) while paused: on a call. Unpausing
    // during that call does not make the agent available; the hang-up (Status 1) does.
    expect(states(events)).toEqual([
      [at('QueueMemberStatus'), 'Agent/999', 'on_call'],
      [at('QueueMemberStatus', 3), 'Agent/999', 'available'],
    ]);
    expect(at('QueueMemberPaused')).toBeLessThan(at('QueueMemberStatus', 3) ?? 0);
    expect(events.filter((e) => e.type !== 'agent.state')).toEqual([]);
  });
});
