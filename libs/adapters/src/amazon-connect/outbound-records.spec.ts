import { campaignDials, dialRows, fixtureText } from '../common/fixture-testing';
import { canonical } from '../common/testing';
import { mapContactRecord } from './contact-record';
import type { Json } from './options';

/**
 * Outbound contact records with the contact record data model's fields, an agent's dials and an
 * outbound campaign's with answering machine detection (tests/fixtures/adapters/amazon-connect,
 * `contact-records-outbound.ours.json`, written by us: no licensed real record was found).
 */
const records = JSON.parse(
  fixtureText('amazon-connect', 'contact-records-outbound.ours.json'),
) as Json[];

describe('outbound contact records', () => {
  const mapped = records.map((r) => mapContactRecord(r, JSON.stringify(r)));
  const events = canonical(mapped.flatMap((m) => m.events));

  it('gives each dial how it ended, and an API contact of no campaign nothing', () => {
    expect(mapped.flatMap((m) => m.rejects)).toEqual([]);
    expect(dialRows(events, 'callId')).toEqual([
      ['call.dialed', 'out-00000001', 'bob'],
      ['call.connected', 'out-00000001', 'bob'],
      ['call.wrapped', 'out-00000001', 'bob'],
      ['call.dialed', 'out-00000002', 'bob'],
      ['call.failed', 'out-00000002', 'no_answer'],
      ['call.dialed', 'camp-00000003', undefined],
      ['call.failed', 'camp-00000003', 'answering_machine'],
      ['call.dialed', 'camp-00000004', undefined],
      ['call.failed', 'camp-00000004', 'invalid_number'],
      ['call.dialed', 'camp-00000005', 'alice'],
      ['call.connected', 'camp-00000005', 'alice'],
      ['call.wrapped', 'camp-00000005', 'alice'],
    ]);
  });

  // By hand at 10:00 Tokyo, campaign renewal (the attribute names it on every record): 5 dials,
  // 3 failed — no answer, machine, 現アナ — and 2 connected.
  it('shows the campaign’s dial outcomes', () => {
    expect(campaignDials(events)).toEqual([
      5,
      3,
      { no_answer: 1, answering_machine: 1, invalid_number: 1, connected: 2 },
    ]);
  });
});
