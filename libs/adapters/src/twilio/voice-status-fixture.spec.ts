import { campaignDials, dialRows, firstOfEachId, formLines } from '../common/fixture-testing';
import { canonical } from '../common/testing';
import { mapVoiceStatus } from './voice-status';

/**
 * Outbound Voice status callbacks with every field a callback carries, the callback URL's query
 * (campaign, list entry, agent) merged in as the transport does (tests/fixtures/adapters/twilio,
 * `voice-status-outbound.form`, values ours): one form-encoded body per line.
 */
const callbacks = formLines('twilio', 'voice-status-outbound.form');

describe('outbound Voice status callbacks', () => {
  const mapped = callbacks.map((p) => mapVoiceStatus(p));
  const events = canonical(mapped.flatMap((m) => m.events));
  const stored = firstOfEachId(events);

  it('gives each call its dial and how it ended, once, whichever callback named the machine', () => {
    expect(mapped.flatMap((m) => m.rejects)).toEqual([]);
    expect(dialRows(stored)).toEqual([
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
    expect(campaignDials(stored)).toEqual([
      6,
      5,
      { busy: 1, no_answer: 1, invalid_number: 1, answering_machine: 1, other: 1, connected: 1 },
    ]);
  });
});
