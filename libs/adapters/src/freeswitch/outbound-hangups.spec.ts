import type { CallEvent } from '@mieruka/contracts';
import {
  PBX_DIALER_MORNING,
  campaignDials,
  dialRows,
  fixtureBytes,
  parseInChunks,
} from '../common/fixture-testing';
import { canonical } from '../common/testing';
import { EslParser, plainEvent } from './esl-parser';
import { mapOutboundHangup } from './outbound-dial';

/**
 * A dialer's legs as the event socket delivers them (tests/fixtures/adapters/freeswitch,
 * `outbound-hangups.ours.esl`, written by us in FreeSWITCH's plain-event shape): through the
 * parser, the mapper and the live projection, as the ESL client does.
 */
function mapFile() {
  const parser = new EslParser();
  const events: CallEvent[] = [];
  const rejects: string[] = [];
  // Fed in uneven chunks, as a socket would deliver it.
  const bytes = fixtureBytes('freeswitch', 'outbound-hangups.ours.esl');
  for (const { message } of parseInChunks(bytes, 211, (c) => parser.push(c))) {
    const event = plainEvent(message);
    if (!event) continue;
    const mapped = mapOutboundHangup(event);
    events.push(...mapped.events);
    rejects.push(...mapped.rejects.map((r) => r.reason));
  }
  return { events: canonical(events), rejects };
}

describe('a dialer’s outbound legs over the event socket', () => {
  const { events, rejects } = mapFile();

  it('gives each campaign leg its dial and how it ended; the inbound leg nothing', () => {
    expect(rejects).toEqual([]);
    expect(dialRows(events)).toEqual(PBX_DIALER_MORNING.rows('1001'));
  });

  // By hand at 10:00 Tokyo: 5 dials (lead-81 twice), 4 failed — no answer 2 (NO_ANSWER,
  // ORIGINATOR_CANCEL), busy 1, 現アナ 1 — and lead-84 connected.
  it('shows the campaign’s dial outcomes', () => {
    expect(campaignDials(events)).toEqual(PBX_DIALER_MORNING.tiles);
  });
});
