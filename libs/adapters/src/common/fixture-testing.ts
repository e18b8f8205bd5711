import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import {
  createFloor,
  createProjection,
  evolve,
  floorView,
  foldFloor,
  snapshot,
} from '@mieruka/kpi';

/**
 * For specs that read a fixture of tests/fixtures/adapters (real systems' output, or ours in
 * their layout): reading it as the transport receives it, and the questions every such spec
 * asks of what the mapping made. The specs then state only their fixture and expectations.
 */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'adapters');

/** A fixture's bytes, as kept (byte for byte with its source). */
export function fixtureBytes(system: string, file: string): Buffer {
  return readFileSync(join(FIXTURES, system, file));
}

export function fixtureText(system: string, file: string): string {
  return fixtureBytes(system, file).toString('utf8');
}

/** One `application/x-www-form-urlencoded` body per line, as Twilio posts its callbacks. */
export function formLines(system: string, file: string): Record<string, string>[] {
  return fixtureText(system, file)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Object.fromEntries(new URLSearchParams(line)));
}

type Parsed = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Feeds a stream parser in uneven chunks of `size`, as a socket delivers the bytes, and returns
 * what it parsed; a parse failure fails the spec (the fixtures are well formed).
 */
export function parseInChunks<C extends string | Uint8Array, R extends Parsed>(
  input: C,
  size: number,
  push: (chunk: C) => readonly R[],
): Extract<R, { ok: true }>[] {
  const out: Extract<R, { ok: true }>[] = [];
  for (let i = 0; i < input.length; i += size) {
    const chunk = (
      typeof input === 'string' ? input.slice(i, i + size) : input.subarray(i, i + size)
    ) as C;
    for (const parsed of push(chunk)) {
      if (!parsed.ok) throw new Error(parsed.reason);
      out.push(parsed as Extract<R, { ok: true }>);
    }
  }
  return out;
}

/** Stored as ingest stores them: the first event of an id, later copies dropped. */
export function firstOfEachId(events: readonly CallEvent[]): CallEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && seen.add(e.id));
}

/**
 * An outbound fixture's story, one row per event: its type, the list entry (or the call when
 * asked), and how a failed dial ended or else the agent.
 */
export function dialRows(
  events: readonly CallEvent[],
  key: 'entryId' | 'callId' = 'entryId',
): (readonly unknown[])[] {
  return events.map((e) => [
    e.type,
    key === 'callId' ? e.callId : 'entryId' in e ? e.entryId : undefined,
    e.type === 'call.failed' ? e.outcome : e.agentId,
  ]);
}

/** The floor the wallboard shows at `at` (epoch ms) once it has seen the events. */
export function floorAt(events: readonly CallEvent[], at: number): ReturnType<typeof floorView> {
  const floor = createFloor(defaultTenantSettings('default'));
  for (const event of events) foldFloor(floor, event);
  return floorView(floor, at);
}

/**
 * What the campaign's tiles show for the events: dials, failed dials and outcomes of today's
 * window at `at` (10:00 in Tokyo on the fixtures' day unless told).
 */
export function campaignDials(
  events: readonly CallEvent[],
  campaign = 'renewal',
  at = '2026-12-01T10:00:00+09:00',
): readonly unknown[] {
  const projection = createProjection(defaultTenantSettings());
  for (const event of events) evolve(projection, event);
  const today = snapshot(projection, Date.parse(at), `campaign:${campaign}`).windows.today;
  return [today.dialed, today.failedDials, today.dialOutcomes];
}

/**
 * The dialer's morning that both PBX fixtures record (`asterisk-ami/outbound-dials.ours.ami`,
 * `freeswitch/outbound-hangups.ours.esl`, one scenario written twice), so both adapters are held
 * to the same rows and tiles: lead-81 unanswered, lead-82 busy, lead-83 a dead number (現アナ),
 * lead-84 answered by the agent, lead-81 again unanswered (the dialer cancels it).
 */
export const PBX_DIALER_MORNING = {
  rows: (agentId: string): (readonly unknown[])[] => [
    ['call.dialed', 'lead-81', undefined],
    ['call.failed', 'lead-81', 'no_answer'],
    ['call.dialed', 'lead-82', undefined],
    ['call.failed', 'lead-82', 'busy'],
    ['call.dialed', 'lead-83', undefined],
    ['call.failed', 'lead-83', 'invalid_number'],
    ['call.dialed', 'lead-84', agentId],
    ['call.connected', 'lead-84', agentId],
    ['call.dialed', 'lead-81', undefined],
    ['call.failed', 'lead-81', 'no_answer'],
  ],
  // 5 dials (lead-81 twice), 4 failed — no answer 2, busy 1, 現アナ 1 — and lead-84 connected.
  tiles: [5, 4, { no_answer: 2, busy: 1, invalid_number: 1, connected: 1 }] as readonly unknown[],
};
