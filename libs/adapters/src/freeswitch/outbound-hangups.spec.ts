import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings, type CallEvent } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { canonical } from '../common/testing';
import { EslParser, plainEvent } from './esl-parser';
import { mapOutboundHangup } from './outbound-dial';

/**
 * A dialer's legs as the event socket delivers them (tests/fixtures/adapters/freeswitch,
 * `outbound-hangups.ours.esl`, written by us in FreeSWITCH's plain-event shape): through the
 * parser, the mapper and the live projection, as the ESL client does.
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
  'outbound-hangups.ours.esl',
);

function mapFile() {
  const parser = new EslParser();
  const bytes = readFileSync(FILE);
  const events: CallEvent[] = [];
  const rejects: string[] = [];
  // Fed in uneven chunks, as a socket would deliver it.
  for (let i = 0; i < bytes.length; i += 211) {
    for (const out of parser.push(bytes.subarray(i, i + 211))) {
      if (!out.ok) throw new Error(out.reason);
      const event = plainEvent(out.message);
      if (!event) continue;
      const mapped = mapOutboundHangup(event);
      events.push(...mapped.events);
      rejects.push(...mapped.rejects.map((r) => r.reason));
    }
  }
  return { events: canonical(events), rejects };
}

describe('a dialer’s outbound legs over the event socket', () => {
  const { events, rejects } = mapFile();

  it('gives each campaign leg its dial and how it ended; the inbound leg nothing', () => {
    expect(rejects).toEqual([]);
    expect(
      events.map((e): readonly unknown[] => [
        e.type,
        'entryId' in e ? e.entryId : undefined,
        e.type === 'call.failed' ? e.outcome : e.agentId,
      ]),
    ).toEqual([
      ['call.dialed', 'lead-81', undefined],
      ['call.failed', 'lead-81', 'no_answer'],
      ['call.dialed', 'lead-82', undefined],
      ['call.failed', 'lead-82', 'busy'],
      ['call.dialed', 'lead-83', undefined],
      ['call.failed', 'lead-83', 'invalid_number'],
      ['call.dialed', 'lead-84', '1001'],
      ['call.connected', 'lead-84', '1001'],
      ['call.dialed', 'lead-81', undefined],
      ['call.failed', 'lead-81', 'no_answer'],
    ]);
  });

  // By hand at 10:00 Tokyo: 5 dials (lead-81 twice), 4 failed — no answer 2 (NO_ANSWER,
  // ORIGINATOR_CANCEL), busy 1, 現アナ 1 — and lead-84 connected.
  it('shows the campaign’s dial outcomes', () => {
    const projection = createProjection(defaultTenantSettings());
    for (const event of events) evolve(projection, event);
    const today = snapshot(projection, Date.parse('2026-12-01T10:00:00+09:00'), 'campaign:renewal')
      .windows.today;
    expect([today.dialed, today.failedDials, today.dialOutcomes]).toEqual([
      5,
      4,
      { no_answer: 2, busy: 1, invalid_number: 1, connected: 1 },
    ]);
  });
});
