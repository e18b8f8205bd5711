import { campaignDials, dialRows, fixtureText, parseInChunks } from '../common/fixture-testing';
import { fold } from '../common/testing';
import { AmiFrameParser } from './frame-parser';
import { stepAmi } from './map-frame';
import { initialAmiState } from './state';

/**
 * A dialer's calls on AMI (tests/fixtures/adapters/asterisk-ami, `outbound-dials.ours.ami`,
 * written by us in the documented DialBegin / DialEnd shape with channelvars), through the
 * parser and the mapper as the AMI client reads them, then into the live projection.
 */
const parser = new AmiFrameParser();
const frames = parseInChunks(fixtureText('asterisk-ami', 'outbound-dials.ours.ami'), 97, (c) =>
  parser.push(c),
).map((parsed) => parsed.frame);

describe('a dialer’s calls over AMI', () => {
  // Arrival is irrelevant: every frame has its Timestamp (timestampevents = yes).
  const { events, rejects } = fold(initialAmiState, frames, (s, f) =>
    stepAmi(s, f, 0, { agentIds: { 'PJSIP/1001': 'a-1' } }),
  );

  it('gives each campaign dial its dial and end; the queue ringing a member nothing', () => {
    expect(rejects).toEqual([]);
    expect(dialRows(events)).toEqual([
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
    expect(campaignDials(events)).toEqual([
      5,
      4,
      { no_answer: 2, busy: 1, invalid_number: 1, connected: 1 },
    ]);
  });
});
