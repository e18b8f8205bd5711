import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTenantSettings } from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import { fold } from '../common/testing';
import { AmiFrameParser } from './frame-parser';
import type { AmiFrame } from './frame';
import { stepAmi } from './map-frame';
import { initialAmiState } from './state';

/**
 * A dialer's calls on AMI (tests/fixtures/adapters/asterisk-ami, `outbound-dials.ours.ami`,
 * written by us in the documented DialBegin / DialEnd shape with channelvars), through the
 * parser and the mapper as the AMI client reads them, then into the live projection.
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
  'asterisk-ami',
  'outbound-dials.ours.ami',
);

function frames(): AmiFrame[] {
  const text = readFileSync(FILE, 'utf8');
  const parser = new AmiFrameParser();
  const out: AmiFrame[] = [];
  for (let i = 0; i < text.length; i += 97) {
    for (const parsed of parser.push(text.slice(i, i + 97))) {
      if (!parsed.ok) throw new Error(parsed.reason);
      out.push(parsed.frame);
    }
  }
  return out;
}

describe('a dialer’s calls over AMI', () => {
  // Arrival is irrelevant: every frame has its Timestamp (timestampevents = yes).
  const { events, rejects } = fold(initialAmiState, frames(), (s, f) =>
    stepAmi(s, f, 0, { agentIds: { 'PJSIP/1001': 'a-1' } }),
  );

  it('gives each campaign dial its dial and end; the queue ringing a member nothing', () => {
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
      ['call.dialed', 'lead-84', 'a-1'],
      ['call.connected', 'lead-84', 'a-1'],
      ['call.dialed', 'lead-81', undefined],
      ['call.failed', 'lead-81', 'no_answer'],
    ]);
  });

  // By hand at 10:00 Tokyo: 5 dials (lead-81 twice), 4 failed — no answer 2 (NOANSWER, the
  // re-dial's CANCEL), busy 1, 現アナ 1 (CONGESTION) — and lead-84 connected.
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
