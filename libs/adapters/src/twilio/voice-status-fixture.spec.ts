import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { canonical } from '../common/testing';
import { mapVoiceStatus } from './voice-status';

/**
 * Outbound Voice status callbacks with every field a callback carries, the callback URL's query
 * (campaign, list entry, agent) merged in as the transport does (tests/fixtures/adapters/twilio,
 * `voice-status-outbound.form`, values ours): one form-encoded body per line.
 */
const file = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tests',
  'fixtures',
  'adapters',
  'twilio',
  'voice-status-outbound.form',
);
const callbacks = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => Object.fromEntries(new URLSearchParams(line)));

describe('outbound Voice status callbacks', () => {
  const mapped = callbacks.map((p) => mapVoiceStatus(p));
  const events = canonical(mapped.flatMap((m) => m.events));
  // Stored as ingest stores them: the first event of an id, later copies dropped.
  const seen = new Set<string>();
  const stored = events.filter((e) => !seen.has(e.id) && seen.add(e.id));

  it('gives each call its dial and how it ended, once, whichever callback named the machine', () => {
    expect(mapped.flatMap((m) => m.rejects)).toEqual([]);
    expect(
      stored.map((e): readonly unknown[] => [
        e.type,
        'entryId' in e ? e.entryId : undefined,
        e.type === 'call.failed' ? e.outcome : e.agentId,
      ]),
    ).toEqual([
      ['call.dialed', 'lead-81', undefined],
      ['call.failed', 'lead-81', 'busy'],
      ['call.dialed', 'lead-82', undefined],
      ['call.failed', 'lead-82', 'no_answer'],
      ['call.dialed', 'lead-83', undefined],
      ['call.failed', 'lead-83', 'invalid_number'],
      ['call.dialed', 'lead-84', undefined],
      ['call.failed', 'lead-84', 'answering_machine'],
      ['call.dialed', 'lead-85', 'a-7'],
      ['call.connected', 'lead-85', 'a-7'],
      ['call.dialed', 'lead-86', undefined],
      ['call.failed', 'lead-86', 'other'],
    ]);
    // The machine was named on the answer and again on completion: the same event twice.
    expect(events.length - stored.length).toBe(1);
  });

  // By hand at 10:00 Tokyo: 6 dials, 5 failed — busy, no answer, 現アナ (failed), machine,
  // other (canceled) — and lead-85 connected.
  it('shows the campaign’s dial outcomes', () => {
    const projection = createProjection(defaultTenantSettings());
    for (const event of stored) evolve(projection, event);
    const today = snapshot(projection, Date.parse('2026-12-01T10:00:00+09:00'), 'campaign:renewal')
      .windows.today;
    expect([today.dialed, today.failedDials, today.dialOutcomes]).toEqual([
      6,
      5,
      { busy: 1, no_answer: 1, invalid_number: 1, answering_machine: 1, other: 1, connected: 1 },
    ]);
  });
});
