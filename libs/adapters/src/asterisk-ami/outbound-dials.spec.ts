import {
  PBX_DIALER_MORNING,
  campaignDials,
  dialRows,
  fixtureText,
  parseInChunks,
} from '../common/fixture-testing';
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
    expect(dialRows(events)).toEqual(PBX_DIALER_MORNING.rows('a-1'));
  });

  // By hand at 10:00 Tokyo: 5 dials (lead-81 twice), 4 failed — no answer 2 (NOANSWER, the
  // re-dial's CANCEL), busy 1, 現アナ 1 (CONGESTION) — and lead-84 connected.
  it('shows the campaign’s dial outcomes', () => {
    expect(campaignDials(events)).toEqual(PBX_DIALER_MORNING.tiles);
  });
});
